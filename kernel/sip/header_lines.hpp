// sip/header_lines.hpp: checks for header text and identity strings modules hand to the kernel
// (route targets, requests they send), so nothing they give can inject a line or break a URI.
#pragma once

#include <string_view>

namespace lineside::kernel {

/// NULL, "", or lines "Name: value\r\n" (token name, no bare CR/LF, no control bytes, ends CRLF).
[[nodiscard]] bool valid_header_lines(const char *lines);
/// Does `lines` (as accepted above) contain a header called `name` (case-insensitive)?
[[nodiscard]] bool has_header_line(std::string_view lines, std::string_view name);
/// A SIP URI user part of unreserved/escaped characters ("+15551234", "anonymous"), 1..64 long.
[[nodiscard]] bool valid_uri_user(std::string_view user);
/// A display name we may put inside quotes: printable, no '"' or '\\', at most 64 bytes.
[[nodiscard]] bool valid_display_name(std::string_view name);

}  // namespace lineside::kernel
