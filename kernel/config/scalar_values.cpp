// config/scalar_values.cpp: parsing and printing of scalar config values.
#include "config/scalar_values.hpp"

#include <array>
#include <charconv>

namespace lineside::kernel {
namespace {

struct DurationUnit {
  std::string_view suffix;
  int64_t ms;
};

// Longest suffix first so "ms" is not read as "m" followed by junk.
constexpr std::array<DurationUnit, 5> kUnits{{
    {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

} // namespace

std::optional<int64_t> parse_integer(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (digits.empty() || (digits.front() == '-' && text.front() == '+')) return std::nullopt;
  int64_t value = 0;
  const char *end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, value, 10);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  for (std::string_view yes : {"true", "yes", "on"}) {
    if (equals_ignoring_case(text, yes)) return true;
  }
  for (std::string_view no : {"false", "no", "off"}) {
    if (equals_ignoring_case(text, no)) return false;
  }
  return std::nullopt;
}

std::optional<int64_t> parse_duration_ms(std::string_view text) {
  size_t digit_count = 0;
  while (digit_count < text.size() && text[digit_count] >= '0' && text[digit_count] <= '9') ++digit_count;
  if (digit_count == 0) return std::nullopt;
  uint64_t amount = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + digit_count, amount, 10);
  if (ec != std::errc() || ptr != text.data() + digit_count) return std::nullopt;
  const std::string_view suffix = text.substr(digit_count);
  int64_t unit_ms = 0;
  if (suffix.empty()) {
    unit_ms = 1000;
  } else {
    for (const DurationUnit &unit : kUnits) {
      if (suffix == unit.suffix) unit_ms = unit.ms;
    }
  }
  if (unit_ms == 0) return std::nullopt;
  if (amount > static_cast<uint64_t>(INT64_MAX / unit_ms)) return std::nullopt;
  return static_cast<int64_t>(amount) * unit_ms;
}

std::string format_duration_ms(int64_t ms) {
  if (ms == 0) return "0s";
  for (auto unit = kUnits.rbegin(); unit != kUnits.rend(); ++unit) {
    if (ms % unit->ms == 0) return std::to_string(ms / unit->ms) + std::string(unit->suffix);
  }
  return std::to_string(ms) + "ms";
}

std::vector<std::string> split_choices(std::string_view choices) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t bar = choices.find('|', start);
    out.emplace_back(choices.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

std::string expected_one_of(const std::vector<std::string> &choices) {
  std::string out = "expected one of: ";
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += ", ";
    out += choices[i];
  }
  return out;
}

} // namespace lineside::kernel
