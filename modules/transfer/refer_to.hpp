// transfer/refer_to.hpp: parsing one Refer-To value (RFC 3515 2.1): the SIP URI it names, its user
// (the number to ring), its host, its method parameter and its escaped Replaces header (RFC 3891).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::transfer {

/// What a Refer-To names. Strings are decoded (no %XX left).
struct ReferTarget {
  std::string scheme;                   ///< "sip" or "sips"
  std::string user;                     ///< user part ("1003"), "" when the URI has none
  std::string host;                     ///< host, lower-cased, without port ("pbx.test", "[::1]")
  std::string method;                   ///< the URI's method parameter, "" when absent (INVITE)
  std::optional<std::string> replaces;  ///< the Replaces URI header, unescaped
};

/// A parse outcome: the target, or why the value is refused (a 400 reason phrase).
struct ReferToParse {
  std::optional<ReferTarget> target;
  std::string error;
};

/// Parse a Refer-To header value: a name-addr ("Bob" <sip:1003@pbx.test?Replaces=...>;p=1) or an
/// addr-spec (sip:1003@pbx.test). Refuses anything but sip:/sips:, a missing host, a malformed
/// escape and a URI longer than 1024 bytes.
ReferToParse parse_refer_to(std::string_view value);

}  // namespace lineside::transfer
