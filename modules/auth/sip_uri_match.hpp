// auth/sip_uri_match.hpp: loose comparison of the digest `uri` with the Request-URI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::auth {

/// The parts of a sip:/sips: URI that identify a target; parameters and headers are dropped.
struct SipUriParts {
  std::string scheme; ///< "sip" or "sips", lowercase
  std::string user;   ///< user part as written (without password), may be empty
  std::string host;   ///< lowercase; IPv6 references keep their brackets
  uint32_t port = 0;  ///< explicit port, or the scheme's default (5060 sip, 5061 sips)
};

/// Split a sip:/sips: URI (optionally in angle brackets); nullopt for other schemes or when the
/// host or port is malformed.
[[nodiscard]] std::optional<SipUriParts> parse_sip_uri(std::string_view uri);

/// True when both parse and agree on scheme, user, host (case-insensitively) and port (an absent
/// port equals the scheme's default).
[[nodiscard]] bool sip_uris_match(std::string_view digest_uri, std::string_view request_uri);

}  // namespace lineside::auth
