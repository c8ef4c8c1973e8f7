// transfer/uri_text.hpp: small text helpers for SIP URIs and header values (percent-decoding,
// trimming, case folding, printable checks).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::transfer {

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// ASCII lower-case copy.
std::string lower(std::string_view text);

/// True when a and b are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

/// Decode %XX escapes (RFC 3986). Nothing when an escape is malformed or decodes to a control
/// character (CR, LF, NUL... never belong in a number, a Call-ID or a tag).
std::optional<std::string> percent_decode(std::string_view text);

/// True when every byte is printable ASCII (0x21..0x7e) and the text is not empty.
bool printable_token(std::string_view text);

/// At most `max` bytes of `text` with non-printable bytes replaced by '?', for log lines.
std::string log_excerpt(std::string_view text, size_t max = 80);

}  // namespace lineside::transfer
