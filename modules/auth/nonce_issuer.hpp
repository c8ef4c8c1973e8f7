// auth/nonce_issuer.hpp: stateless, unforgeable nonces: issue time + random, sealed by an HMAC.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace lineside::auth {

/// What a nonce presented by a client turned out to be.
enum class NonceStatus {
  fresh,   ///< issued by this process for this realm, within its lifetime
  expired, ///< issued by this process for this realm, older than its lifetime
  forged,  ///< garbled, from another process or realm, tampered with, or issued in the future
};

/// The result of checking a nonce.
struct NonceCheck {
  NonceStatus status = NonceStatus::forged;
  int64_t issued_ms = 0; ///< issue time (monotonic ms) when not forged
};

/// Issues nonces of the form base64url(issue_ms[8, big-endian] || random[16] ||
/// HMAC-SHA256(secret, issue_ms || random || realm)[32]). The secret is random per instance
/// (RAND_bytes), so nonces do not survive a restart and cannot be minted by anyone else.
/// Times are the host's monotonic milliseconds. Not thread-safe (SIP thread only).
class NonceIssuer {
 public:
  static constexpr size_t kSecretBytes = 32;
  static constexpr size_t kRandomBytes = 16;
  static constexpr size_t kMacBytes = 32;
  /// Clock skew tolerated for a nonce that claims to come from the future.
  static constexpr int64_t kFutureToleranceMs = 1000;

  /// A random secret; throws std::runtime_error when the RNG fails.
  NonceIssuer();
  /// A given secret (tests use it to mint nonces with chosen issue times).
  explicit NonceIssuer(const std::array<unsigned char, kSecretBytes> &secret);

  [[nodiscard]] std::string issue(int64_t now_ms, std::string_view realm) const;
  /// Issue with caller-chosen random bytes (deterministic, for tests).
  [[nodiscard]] std::string issue_with(int64_t now_ms, std::string_view realm,
                                       const std::array<unsigned char, kRandomBytes> &random) const;
  /// Classify `nonce` for `realm` at `now_ms` with the given lifetime.
  [[nodiscard]] NonceCheck check(std::string_view nonce, std::string_view realm, int64_t now_ms,
                                 int64_t lifetime_ms) const;

 private:
  [[nodiscard]] std::array<unsigned char, kMacBytes> seal(std::string_view issue_and_random,
                                                          std::string_view realm) const;

  std::array<unsigned char, kSecretBytes> secret_{};
};

}  // namespace lineside::auth
