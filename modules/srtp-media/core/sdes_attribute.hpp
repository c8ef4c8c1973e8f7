// srtp-media/core/sdes_attribute.hpp: the RFC 4568 a=crypto attribute: parse, format, generate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto_suite.hpp"

namespace lineside::srtp {

/// Longest a=crypto value parse_crypto looks at; anything longer is refused unread.
inline constexpr size_t kMaxCryptoValueLen = 1024;

/// Largest key lifetime accepted, in packets: libsrtp's SRTP key limit (RFC 3711 §9.2).
inline constexpr uint64_t kMaxKeyLifetime = uint64_t{1} << 48;

/// One a=crypto line. `key_salt` is the raw master key || master salt (a secret: never log it).
struct CryptoAttribute {
  uint32_t tag = 1;
  Suite suite{};
  std::vector<uint8_t> key_salt;  // raw master key||salt, master_key_salt_len(suite) bytes
  /// The optional "|2^n" / "|n" lifetime: packets the sender will protect with this key.
  /// SrtpStream honours it (refuses packets past it, per RTP and per RTCP).
  std::optional<uint64_t> lifetime;
};

/// Result of parse_crypto: `attr` when accepted, otherwise `error` says why in words an
/// administrator understands. The error never contains key material.
struct CryptoParse {
  std::optional<CryptoAttribute> attr;
  std::string error;
};

/// Parse the text after "a=crypto:", e.g. "1 AES_CM_128_HMAC_SHA1_80 inline:BASE64|2^20".
/// Refused: more than kMaxCryptoValueLen bytes, a tag outside 1..999999999, an unknown suite or
/// one this libsrtp2 cannot key, a key method other than inline, a key that is not base64 or not
/// exactly master_key_salt_len(suite) bytes, a lifetime of 0 or above 2^48, an MKI ("MKI not
/// supported"), several key-params, any session parameter (UNENCRYPTED_SRTP, KDR, ...).
/// Fields may be separated by several spaces or tabs; trailing blanks and CR/LF are ignored.
[[nodiscard]] CryptoParse parse_crypto(std::string_view value);

/// "TAG SUITE inline:BASE64" plus "|2^n" (or "|n") when a lifetime is set.
[[nodiscard]] std::string format_crypto(const CryptoAttribute &attr);

/// A fresh attribute with master_key_salt_len(suite) bytes from OpenSSL's RAND_bytes.
/// Throws std::runtime_error if the random generator fails (never hands out a weak key).
[[nodiscard]] CryptoAttribute generate_crypto(uint32_t tag, Suite suite);

}  // namespace lineside::srtp
