// sip/tls_material.cpp: certificate checks with OpenSSL and the TLS floor via OpenSSL config.
#include "sip/tls_material.hpp"

#include <fcntl.h>
#include <openssl/conf.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace lineside::kernel {

namespace {
struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "not valid PEM";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

bool read_file(const std::string &path, std::string &out, std::string &err, const char *what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = std::string("cannot read ") + what + " " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool write_private(const std::string &path, const std::string &data, std::string &err) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    err = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  ::fchmod(fd, 0600);
  size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n <= 0) {
      err = "cannot write " + path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  ::close(fd);
  return true;
}
}  // namespace

std::string prepare_tls_dir(const std::string &dir, const std::string &cert_file,
                            const std::string &key_file, const std::string &ca_file) {
  std::string err;
  std::string cert_pem, key_pem, ca_pem;
  if (!read_file(cert_file, cert_pem, err, "certificate")) return err;
  if (!read_file(key_file, key_pem, err, "private key")) return err;
  if (!ca_file.empty() && !read_file(ca_file, ca_pem, err, "CA file")) return err;

  FilePtr cf(std::fopen(cert_file.c_str(), "r"));
  if (!cf) return "cannot read certificate " + cert_file + ": " + std::strerror(errno);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_X509(cf.get(), nullptr, nullptr, nullptr),
                                                   X509_free);
  if (!cert) return "certificate " + cert_file + " is not a PEM certificate: " + openssl_error();
  FilePtr kf(std::fopen(key_file.c_str(), "r"));
  if (!kf) return "cannot read private key " + key_file + ": " + std::strerror(errno);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_PrivateKey(kf.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) return "private key " + key_file + " is not a PEM private key: " + openssl_error();
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return "private key " + key_file + " does not match certificate " + cert_file;
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return "cannot create " + dir + ": " + std::strerror(errno);
  }
  ::chmod(dir.c_str(), 0700);
  if (!write_private(dir + "/agent.pem", key_pem + "\n" + cert_pem, err)) return err;
  if (!write_private(dir + "/cafile.pem", ca_pem.empty() ? cert_pem : ca_pem, err)) return err;
  return "";
}

std::string enforce_tls_floor(const std::string &conf_path, unsigned min_version) {
  if (min_version < 0x0303) return "TLS versions below 1.2 are not allowed";
  const char *proto = min_version >= 0x0304 ? "TLSv1.3" : "TLSv1.2";
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, nullptr);  // system config first, once
  std::string text =
      "openssl_conf = lineside_openssl\n"
      "[lineside_openssl]\nssl_conf = lineside_ssl\n"
      "[lineside_ssl]\nsystem_default = lineside_tls\n"
      "[lineside_tls]\nMinProtocol = " +
      std::string(proto) + "\nCipherString = DEFAULT:!aNULL:!eNULL:!MD5:!RC4:!3DES:@SECLEVEL=2\n";
  std::string err;
  if (!write_private(conf_path, text, err)) return err;
  if (CONF_modules_load_file(conf_path.c_str(), nullptr, 0) <= 0) {
    return "cannot apply TLS policy " + conf_path + ": " + openssl_error();
  }
  return "";
}

}  // namespace lineside::kernel
