// auth/nonce_issuer.cpp: HMAC-sealed stateless nonces.
#include "nonce_issuer.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "base64url.hpp"

namespace lineside::auth {
namespace {

constexpr size_t kIssueBytes = 8;
constexpr size_t kPayloadBytes = kIssueBytes + NonceIssuer::kRandomBytes;
constexpr size_t kNonceBytes = kPayloadBytes + NonceIssuer::kMacBytes;

void append_big_endian(std::string &out, int64_t value) {
  const auto bits = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((bits >> shift) & 0xFF);
}

int64_t read_big_endian(std::string_view bytes) {
  uint64_t bits = 0;
  for (size_t i = 0; i < kIssueBytes; ++i) bits = (bits << 8) | static_cast<uint8_t>(bytes[i]);
  return static_cast<int64_t>(bits);
}

}  // namespace

NonceIssuer::NonceIssuer() {
  if (RAND_bytes(secret_.data(), static_cast<int>(secret_.size())) != 1) {
    throw std::runtime_error("cannot draw a random nonce secret (RAND_bytes failed)");
  }
}

NonceIssuer::NonceIssuer(const std::array<unsigned char, kSecretBytes> &secret) : secret_(secret) {}

std::array<unsigned char, NonceIssuer::kMacBytes> NonceIssuer::seal(
    std::string_view issue_and_random, std::string_view realm) const {
  std::string message(issue_and_random);
  message.append(realm);
  std::array<unsigned char, kMacBytes> mac{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
           reinterpret_cast<const unsigned char *>(message.data()), message.size(), mac.data(),
           &length) == nullptr ||
      length != kMacBytes) {
    throw std::runtime_error("OpenSSL cannot compute HMAC-SHA256");
  }
  return mac;
}

std::string NonceIssuer::issue(int64_t now_ms, std::string_view realm) const {
  std::array<unsigned char, kRandomBytes> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("cannot draw nonce randomness (RAND_bytes failed)");
  }
  return issue_with(now_ms, realm, random);
}

std::string NonceIssuer::issue_with(int64_t now_ms, std::string_view realm,
                                    const std::array<unsigned char, kRandomBytes> &random) const {
  std::string raw;
  raw.reserve(kNonceBytes);
  append_big_endian(raw, now_ms);
  raw.append(reinterpret_cast<const char *>(random.data()), random.size());
  const auto mac = seal(raw, realm);
  raw.append(reinterpret_cast<const char *>(mac.data()), mac.size());
  return base64url_encode(raw);
}

NonceCheck NonceIssuer::check(std::string_view nonce, std::string_view realm, int64_t now_ms,
                              int64_t lifetime_ms) const {
  NonceCheck result;
  if (nonce.size() != (kNonceBytes * 4 + 2) / 3) return result;
  const auto raw = base64url_decode(nonce);
  if (!raw || raw->size() != kNonceBytes) return result;
  const std::string_view bytes(*raw);
  const auto expected = seal(bytes.substr(0, kPayloadBytes), realm);
  if (CRYPTO_memcmp(expected.data(), bytes.data() + kPayloadBytes, kMacBytes) != 0) return result;
  const int64_t issued = read_big_endian(bytes);
  if (issued > now_ms + kFutureToleranceMs) return result;
  result.issued_ms = issued;
  result.status = now_ms - issued > lifetime_ms ? NonceStatus::expired : NonceStatus::fresh;
  return result;
}

}  // namespace lineside::auth
