// auth/digest_credentials.hpp: parsing an Authorization / Proxy-Authorization "Digest" header value.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::auth {

/// Limits that keep hostile headers cheap to reject.
inline constexpr size_t kMaxCredentialsHeaderLength = 8192;
inline constexpr size_t kMaxParameterValueLength = 2048;
inline constexpr size_t kMaxParameterCount = 32;

/// The parameters of a Digest credentials header, unquoted. Absent parameters are empty;
/// `has_*` tell absent from empty where it matters.
struct DigestCredentials {
  std::string username;
  std::string realm;
  std::string nonce;
  std::string uri;
  std::string response;
  std::string algorithm; ///< as sent ("SHA-256"); empty when absent (means MD5)
  std::string cnonce;
  std::string opaque;
  std::string qop;
  std::string nc;
  bool has_qop = false;
  bool userhash = false; ///< userhash=true (RFC 7616), which this server never offers
};

/// The outcome of parsing one header value.
struct CredentialsParseResult {
  std::optional<DigestCredentials> credentials; ///< set when the header is well formed
  std::string username; ///< the first username the header named, even when it is malformed
  std::string error;    ///< why it was refused (for debug logs), empty on success
};

/// Parse `Digest k=v, k="v", ...`. The scheme and parameter names are case-insensitive; values may
/// be tokens or quoted strings with backslash escapes. Refused: another scheme, unterminated
/// quotes, control characters, duplicate parameters, oversize headers/values/parameter counts,
/// and a header lacking username, realm, nonce, uri or response. Never throws on any input except
/// std::bad_alloc.
[[nodiscard]] CredentialsParseResult parse_digest_credentials(std::string_view header);

}  // namespace lineside::auth
