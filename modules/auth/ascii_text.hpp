// auth/ascii_text.hpp: locale-independent ASCII helpers (case folding, comparison, trimming).
#pragma once

#include <string>
#include <string_view>

namespace lineside::auth {

[[nodiscard]] constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] constexpr char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

[[nodiscard]] inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = ascii_lower(c);
  return out;
}

[[nodiscard]] inline std::string ascii_uppercase(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = ascii_upper(c);
  return out;
}

[[nodiscard]] constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

[[nodiscard]] constexpr bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

/// `text` without leading and trailing spaces, tabs, CR and LF.
[[nodiscard]] constexpr std::string_view trim(std::string_view text) {
  auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

/// `text` made safe for a log line: control and non-ASCII bytes become '?', at most `limit`
/// characters are kept (an ellipsis marks a cut). For client-controlled strings such as usernames.
[[nodiscard]] inline std::string printable_excerpt(std::string_view text, size_t limit = 64) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < limit; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    out += (byte < 0x20 || byte >= 0x7f) ? '?' : text[i];
  }
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace lineside::auth
