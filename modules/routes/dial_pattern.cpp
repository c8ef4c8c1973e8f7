// routes/dial_pattern.cpp: pattern parsing, matching and specificity order.
#include "dial_pattern.hpp"

#include <bit>

namespace lineside::routes {
namespace {

constexpr std::string_view kDialable = "0123456789*#+";
constexpr uint16_t kRestSize = 100;

int dial_index(char c) {
  const size_t i = kDialable.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

uint16_t digit_range(char from, char to) {
  uint16_t set = 0;
  for (char c = from; c <= to; ++c) set |= static_cast<uint16_t>(1u << dial_index(c));
  return set;
}

uint16_t all_dialable() {
  return static_cast<uint16_t>((1u << kDialable.size()) - 1);
}

/// Parse "[...]" starting at text[i] == '['; advances i past ']'.
bool parse_class(std::string_view text, size_t &i, uint16_t &set, std::string &error) {
  set = 0;
  ++i;
  while (i < text.size() && text[i] != ']') {
    const char c = text[i];
    if (dial_index(c) < 0) {
      error = std::string("'") + c + "' cannot be dialled (use 0-9 * # +) in [...] of '" +
              std::string(text) + "'";
      return false;
    }
    if (i + 2 < text.size() && text[i + 1] == '-' && text[i + 2] != ']') {
      const char to = text[i + 2];
      if (c < '0' || c > '9' || to < '0' || to > '9' || to < c) {
        error = "bad range " + std::string(text.substr(i, 3)) + " in '" + std::string(text) + "'";
        return false;
      }
      set |= digit_range(c, to);
      i += 3;
      continue;
    }
    set |= static_cast<uint16_t>(1u << dial_index(c));
    ++i;
  }
  if (i >= text.size()) {
    error = "unclosed '[' in '" + std::string(text) + "'";
    return false;
  }
  ++i;  // ']'
  if (set == 0) {
    error = "empty [] in '" + std::string(text) + "'";
    return false;
  }
  return true;
}

}  // namespace

std::optional<DialPattern> DialPattern::parse(std::string_view text, std::string &error) {
  DialPattern p;
  p.text_ = std::string(text);
  if (text.empty() || text == "_") {
    error = "empty pattern";
    return std::nullopt;
  }
  const bool wild = text.front() == '_';
  size_t i = wild ? 1 : 0;
  while (i < text.size()) {
    const char c = text[i];
    Token t;
    if (!p.tokens_.empty() && p.tokens_.back().repeat != Token::Repeat::once) {
      error = "'.' and '!' must end the pattern '" + std::string(text) + "'";
      return std::nullopt;
    }
    if (wild && c == '-') {
      ++i;
      continue;
    }
    if (wild && (c == 'X' || c == 'x')) {
      t.set = digit_range('0', '9');
    } else if (wild && (c == 'Z' || c == 'z')) {
      t.set = digit_range('1', '9');
    } else if (wild && (c == 'N' || c == 'n')) {
      t.set = digit_range('2', '9');
    } else if (wild && (c == '.' || c == '!')) {
      t.set = all_dialable();
      t.repeat = c == '.' ? Token::Repeat::one_or_more : Token::Repeat::zero_or_more;
    } else if (wild && c == '[') {
      if (!parse_class(text, i, t.set, error)) return std::nullopt;
      p.tokens_.push_back(t);
      continue;
    } else if (dial_index(c) >= 0) {
      t.set = static_cast<uint16_t>(1u << dial_index(c));
    } else {
      error = std::string("'") + c + "' is not allowed in pattern '" + std::string(text) +
              "' (digits, * # +; with a leading _: X Z N [..] . !)";
      return std::nullopt;
    }
    p.tokens_.push_back(t);
    ++i;
  }
  if (p.tokens_.empty()) {
    error = "empty pattern";
    return std::nullopt;
  }
  return p;
}

bool DialPattern::matches(std::string_view dialled) const {
  size_t pos = 0;
  for (const Token &t : tokens_) {
    if (t.repeat != Token::Repeat::once) {
      if (t.repeat == Token::Repeat::one_or_more && pos == dialled.size()) return false;
      for (; pos < dialled.size(); ++pos)
        if (dial_index(dialled[pos]) < 0) return false;
      return true;
    }
    if (pos >= dialled.size()) return false;
    const int idx = dial_index(dialled[pos]);
    if (idx < 0 || !(t.set & (1u << idx))) return false;
    ++pos;
  }
  return pos == dialled.size();
}

std::optional<Specificity> DialPattern::match(std::string_view dialled) const {
  if (!matches(dialled)) return std::nullopt;  // the common case allocates nothing
  Specificity out;
  out.reserve(dialled.size());
  size_t pos = 0;
  for (const Token &t : tokens_) {
    if (t.repeat != Token::Repeat::once) {
      const size_t left = dialled.size() - pos;
      if (t.repeat == Token::Repeat::one_or_more && left == 0) return std::nullopt;
      for (; pos < dialled.size(); ++pos) {
        if (dial_index(dialled[pos]) < 0) return std::nullopt;
        out.push_back(kRestSize);
      }
      return out;
    }
    if (pos >= dialled.size()) return std::nullopt;
    const int idx = dial_index(dialled[pos]);
    if (idx < 0 || !(t.set & (1u << idx))) return std::nullopt;
    out.push_back(static_cast<uint16_t>(std::popcount(static_cast<unsigned>(t.set))));
    ++pos;
  }
  if (pos != dialled.size()) return std::nullopt;
  return out;
}

bool more_specific(const Specificity &a, const Specificity &b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return a.size() > b.size();
}

bool dialable(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (dial_index(c) < 0) return false;
  return true;
}

}  // namespace lineside::routes
