// directory/ha1.cpp: HA1 hashing with OpenSSL EVP.
#include "directory/ha1.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace lineside::kernel {

namespace {
std::string hex_digest(const EVP_MD *md, const std::string &text) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), out, &len, md, nullptr) != 1) {
    throw std::runtime_error("digest computation failed");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[out[i] >> 4]);
    hex.push_back(kHex[out[i] & 15]);
  }
  return hex;
}
}  // namespace

std::string ha1_md5(const std::string &user, const std::string &realm, const std::string &password) {
  return hex_digest(EVP_md5(), user + ":" + realm + ":" + password);
}

std::string ha1_sha256(const std::string &user, const std::string &realm,
                       const std::string &password) {
  return hex_digest(EVP_sha256(), user + ":" + realm + ":" + password);
}

}  // namespace lineside::kernel
