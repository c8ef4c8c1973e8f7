// admin/admin_token.cpp: token file creation and constant-time checks.
#include "admin/admin_token.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lineside::kernel {

std::string load_or_create_admin_token(const std::string &path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    unsigned char raw[32];
    if (RAND_bytes(raw, sizeof raw) != 1) {
      ::close(fd);
      throw std::runtime_error("cannot generate an admin token: no randomness");
    }
    static const char kHex[] = "0123456789abcdef";
    std::string token;
    for (unsigned char c : raw) {
      token.push_back(kHex[c >> 4]);
      token.push_back(kHex[c & 15]);
    }
    const std::string line = token + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write admin token file " + path + ": " + std::strerror(errno));
    return token;
  }
  if (errno != EEXIST) {
    throw std::runtime_error("cannot create admin token file " + path + ": " + std::strerror(errno));
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read admin token file " + path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string token = ss.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.size() < 16) throw std::runtime_error("admin token file " + path + " holds no usable token (16+ characters)");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    throw std::runtime_error("admin token file " + path + " is readable by others: chmod 600 it");
  }
  return token;
}

bool token_matches(const std::string &presented, const std::string &expected) {
  if (presented.size() != expected.size()) return false;
  return CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

}  // namespace lineside::kernel
