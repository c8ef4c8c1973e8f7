// config/scalar_values.hpp: parsing and printing of scalar config values (integers, booleans, durations, enums).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lineside::kernel {

/// A decimal integer with optional sign, the whole text, within int64; nullopt otherwise.
std::optional<int64_t> parse_integer(std::string_view text);

/// true/false/yes/no/on/off, any letter case; nullopt otherwise.
std::optional<bool> parse_boolean(std::string_view text);

/// "250ms", "30s", "5m", "2h", "1d" or a bare number of seconds, in milliseconds; nullopt when the
/// text is not of that form or overflows.
std::optional<int64_t> parse_duration_ms(std::string_view text);

/// The shortest exact unit form of a duration: 250ms, 30s, 5m, 2h, 1d (0 prints as 0s).
std::string format_duration_ms(int64_t ms);

/// The alternatives of an ENUM's `choices` ("udp|tcp|tls"), empty ones included as "".
std::vector<std::string> split_choices(std::string_view choices);

/// "expected one of: a, b, c".
std::string expected_one_of(const std::vector<std::string> &choices);

} // namespace lineside::kernel
