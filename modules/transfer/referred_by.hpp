// transfer/referred_by.hpp: the Referred-By value (RFC 3892) a transfer target is shown: the
// REFER's own when it is well formed, else one built from the referrer's identity.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::transfer {

/// True when `value` is a usable Referred-By: at most 512 printable bytes (spaces and tabs
/// allowed) naming a sip: or sips: URI, angle brackets balanced.
bool valid_referred_by(std::string_view value);

/// `"Display" <sip:user@domain>` (without the display name when it is empty); quotes and
/// backslashes in the display name are escaped, control bytes dropped.
std::string build_referred_by(std::string_view user, std::string_view display,
                              std::string_view domain);

}  // namespace lineside::transfer
