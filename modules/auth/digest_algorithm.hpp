// auth/digest_algorithm.hpp: the digest algorithms we support (MD5, SHA-256), their names and hashing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::auth {

/// Digest algorithms of RFC 7616 / RFC 8760 that this module accepts (no "-sess" variants).
enum class DigestAlgorithm { md5, sha256 };

/// The token used on the wire and in config: "MD5" or "SHA-256".
[[nodiscard]] std::string_view algorithm_name(DigestAlgorithm algorithm);

/// Parse an algorithm token case-insensitively ("md5", "SHA-256"); nullopt for anything else.
[[nodiscard]] std::optional<DigestAlgorithm> parse_algorithm(std::string_view token);

/// Length in characters of the lowercase hex digest of `algorithm` (32 or 64).
[[nodiscard]] size_t hex_digest_length(DigestAlgorithm algorithm);

/// Lowercase hex of H(data) for `algorithm` (OpenSSL EVP). Throws std::runtime_error if the
/// digest is unavailable (an OpenSSL built without it).
[[nodiscard]] std::string hex_hash(DigestAlgorithm algorithm, std::string_view data);

/// Constant-time equality of two strings (lengths compared first; they are not secret).
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace lineside::auth
