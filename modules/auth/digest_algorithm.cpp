// auth/digest_algorithm.cpp: digest algorithm names and EVP hashing.
#include "digest_algorithm.hpp"

#include "ascii_text.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace lineside::auth {
namespace {

const EVP_MD *evp_digest(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::md5 ? EVP_md5() : EVP_sha256();
}

}  // namespace

std::string_view algorithm_name(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::md5 ? "MD5" : "SHA-256";
}

std::optional<DigestAlgorithm> parse_algorithm(std::string_view token) {
  if (ascii_iequals(token, "MD5")) return DigestAlgorithm::md5;
  if (ascii_iequals(token, "SHA-256")) return DigestAlgorithm::sha256;
  return std::nullopt;
}

size_t hex_digest_length(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::md5 ? 32 : 64;
}

std::string hex_hash(DigestAlgorithm algorithm, std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), evp_digest(algorithm), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    throw std::runtime_error("OpenSSL cannot compute " + std::string(algorithm_name(algorithm)));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lineside::auth
