// admin/admin_auth.cpp: token hash check, PBKDF2 user hashes and Basic header decoding (OpenSSL).
#include "admin/admin_auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace lineside::kernel {

namespace {
constexpr const char *kScheme = "pbkdf2-sha256";

std::string hex(const unsigned char *p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
  return out;
}

bool unhex(const std::string &text, std::vector<unsigned char> &out) {
  if (text.empty() || text.size() % 2) return false;
  out.clear();
  for (size_t i = 0; i < text.size(); i += 2) {
    int v = 0;
    for (size_t k = i; k < i + 2; ++k) {
      const char c = text[k];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    out.push_back(static_cast<unsigned char>(v));
  }
  return true;
}

std::string sha256_hex(const std::string &text) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), out, &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex(out, len);
}

bool same(const std::string &a, const std::string &b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct Parsed {
  unsigned iterations = 0;
  std::vector<unsigned char> salt, hash;
};

bool parse(const std::string &encoded, Parsed &p, std::string &why) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t pos; (pos = encoded.find('$', start)) != std::string::npos; start = pos + 1) {
    parts.push_back(encoded.substr(start, pos - start));
  }
  parts.push_back(encoded.substr(start));
  if (parts.size() != 4 || parts[0] != kScheme) {
    why = "expected pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>";
    return false;
  }
  try {
    p.iterations = static_cast<unsigned>(std::stoul(parts[1]));
  } catch (const std::exception &) {
    p.iterations = 0;
  }
  if (p.iterations < 10000) {
    why = "at least 10000 iterations";
    return false;
  }
  if (!unhex(parts[2], p.salt) || p.salt.size() < 8 || !unhex(parts[3], p.hash) || p.hash.size() != 32) {
    why = "salt (8+ bytes) and hash (32 bytes) must be lowercase hex";
    return false;
  }
  return true;
}

std::vector<unsigned char> derive(const std::string &password, const std::vector<unsigned char> &salt,
                                  unsigned iterations) {
  std::vector<unsigned char> out(32);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

bool base64_decode(const std::string &in, std::string &out) {
  if (in.empty() || in.size() % 4) return false;
  std::string buf(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(buf.data()),
                                reinterpret_cast<const unsigned char *>(in.data()), static_cast<int>(in.size()));
  if (n < 0) return false;
  size_t len = static_cast<size_t>(n);
  if (in.size() >= 1 && in[in.size() - 1] == '=') --len;
  if (in.size() >= 2 && in[in.size() - 2] == '=') --len;
  out = buf.substr(0, len);
  return true;
}
}  // namespace

std::string pbkdf2_hash(const std::string &password, unsigned iterations) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no randomness");
  const std::vector<unsigned char> hash = derive(password, salt, iterations);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + hex(salt.data(), salt.size()) + "$" +
         hex(hash.data(), hash.size());
}

bool pbkdf2_well_formed(const std::string &encoded, std::string &why) {
  Parsed p;
  return parse(encoded, p, why);
}

bool pbkdf2_verify(const std::string &password, const std::string &encoded) {
  Parsed p;
  std::string why;
  if (!parse(encoded, p, why)) return false;
  const std::vector<unsigned char> got = derive(password, p.salt, p.iterations);
  return CRYPTO_memcmp(got.data(), p.hash.data(), got.size()) == 0;
}

AdminAuth::AdminAuth(const std::string &token, std::vector<std::pair<std::string, std::string>> users)
    : token_sha256_(sha256_hex(token)), users_(std::move(users)) {}

bool AdminAuth::allows(const std::string &authorization) const {
  if (authorization.rfind("Bearer ", 0) == 0) return same(sha256_hex(authorization.substr(7)), token_sha256_);
  if (authorization.rfind("Basic ", 0) != 0) return false;
  std::string pair;
  if (!base64_decode(authorization.substr(6), pair)) return false;
  const size_t colon = pair.find(':');
  if (colon == std::string::npos) return false;
  const std::string name = pair.substr(0, colon);
  for (const auto &[user, hash] : users_) {
    if (user == name) return pbkdf2_verify(pair.substr(colon + 1), hash);
  }
  return false;
}

}  // namespace lineside::kernel
