// billing/text_encoding.hpp: JSON string literals, CSV cells and ISO-8601 timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lineside::billing {

/// `text` as a JSON string literal, quotes included; control characters escaped, bytes that
/// are not valid UTF-8 replaced by U+FFFD, so the result is always valid JSON.
std::string json_string(std::string_view text);

/// `text` as one RFC 4180 CSV cell: quoted (quotes doubled) when it holds a comma, a quote, CR
/// or LF; otherwise as it is (a dialled "+1555..." stays data, never rewritten).
std::string csv_cell(std::string_view text);

/// `unix_ms` as ISO-8601 UTC with milliseconds: "2024-03-05T14:07:09.250Z".
std::string iso8601_utc(int64_t unix_ms);

}  // namespace lineside::billing
