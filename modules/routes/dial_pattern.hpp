// routes/dial_pattern.hpp: digit patterns of outbound routes, in Asterisk's syntax, and which of
// several matching patterns is the most specific.
//
// A pattern without a leading '_' is literal: it matches exactly those characters ("911").
// With a leading '_' these characters are special (the rest are literal):
//   X any digit 0-9, Z 1-9, N 2-9, [137] or [2-5] one of the listed characters,
//   .  one or more further characters (only last), !  zero or more further characters (only last).
// '-' is ignored (a visual separator: "_9-1-NXX-NXX-XXXX"). Dialled characters are 0-9 * # +.
// So "_9." is "9 and anything after it" (a prefix), "_9NXXNXXXXXX" is 9 then ten digits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lineside::routes {

/// How narrow the token was that matched each dialled character (1 = a literal ... 13 = any
/// character, 100 = a trailing '.' or '!'). Shorter-than-dialled sequences never occur.
using Specificity = std::vector<uint16_t>;

class DialPattern {
 public:
  /// Parse `text`; nothing with `error` set when it is not a valid pattern.
  static std::optional<DialPattern> parse(std::string_view text, std::string &error);

  /// True when `dialled` matches the whole pattern.
  [[nodiscard]] bool matches(std::string_view dialled) const;
  /// The specificity of the match when `dialled` matches the whole pattern, else nothing.
  [[nodiscard]] std::optional<Specificity> match(std::string_view dialled) const;
  [[nodiscard]] const std::string &text() const { return text_; }

 private:
  struct Token {
    uint16_t set = 0;  ///< bit i: dialable character i allowed (see kDialable)
    enum class Repeat { once, one_or_more, zero_or_more } repeat = Repeat::once;
  };
  std::string text_;
  std::vector<Token> tokens_;
};

/// True when `a` is more specific than `b`: at the first dialled character where they differ,
/// `a`'s token admits fewer characters.
bool more_specific(const Specificity &a, const Specificity &b);

/// True when every character of `text` can be dialled (0-9 * # +) and it is not empty.
bool dialable(std::string_view text);

}  // namespace lineside::routes
