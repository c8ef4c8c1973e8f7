// lineside/testing/config_schema_apply.hpp: fills and checks a FakeConfig against a module's schema
// (defaults, scalar parsing, ranges, enums, unknown keys), as the kernel's validator would.
#pragma once

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lineside/config_schema.h"
#include "lineside/testing/fake_config.hpp"

namespace lineside::testing {

namespace detail {
/// `s` without leading and trailing blanks.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
/// `s` without one pair of matching surrounding quotes.
inline std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}
/// Lower-cased copy.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace detail

/// Parse a signed decimal integer ("42", "-7"); nullopt on anything else or overflow.
inline std::optional<int64_t> parse_int(std::string_view text) {
  std::string_view s = detail::trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

/// Parse a duration into milliseconds: "250ms", "30s", "5m", "2h", "1d", or bare seconds ("30").
inline std::optional<int64_t> parse_duration_ms(std::string_view text) {
  std::string_view s = detail::trim(detail::unquote(detail::trim(text)));
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  const std::optional<int64_t> n = parse_int(s.substr(0, digits));
  if (!n) return std::nullopt;
  const std::string_view unit = s.substr(digits);
  int64_t scale = 0;
  if (unit.empty() || unit == "s") scale = 1000;
  else if (unit == "ms") scale = 1;
  else if (unit == "m") scale = 60'000;
  else if (unit == "h") scale = 3'600'000;
  else if (unit == "d") scale = 86'400'000;
  else return std::nullopt;
  if (*n > std::numeric_limits<int64_t>::max() / scale) return std::nullopt;
  return *n * scale;
}

/// Parse a boolean: true/false/yes/no (any case).
inline std::optional<bool> parse_bool(std::string_view text) {
  const std::string s = detail::lower(detail::trim(detail::unquote(detail::trim(text))));
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  return std::nullopt;
}

/// Parse a YAML flow sequence of scalars ("[SHA-256, MD5]", "[]"); a lone scalar is one item.
inline std::vector<std::string> parse_flow_list(std::string_view text) {
  std::vector<std::string> out;
  std::string_view s = detail::trim(text);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    s = detail::trim(s.substr(1, s.size() - 2));
    while (!s.empty()) {
      const size_t comma = s.find(',');
      const std::string_view item = detail::trim(s.substr(0, comma));
      out.emplace_back(detail::unquote(item));
      if (comma == std::string_view::npos) break;
      s = s.substr(comma + 1);
    }
    return out;
  }
  if (!s.empty()) out.emplace_back(detail::unquote(s));
  return out;
}

namespace detail {
/// Coerce a Text entry to `type`; returns the error text or "".
inline std::string coerce(FakeConfig::Entry &e, const ls_config_field_t &f) {
  using K = FakeConfig::Kind;
  switch (f.type) {
    case LS_CFG_STRING:
    case LS_CFG_PATH:
      return e.kind == K::Text ? "" : "expected string";
    case LS_CFG_ENUM: {
      if (e.kind != K::Text) return "expected one of " + std::string(f.choices ? f.choices : "");
      const std::string choices = std::string("|") + (f.choices ? f.choices : "") + "|";
      if (choices.find("|" + e.text + "|") == std::string::npos)
        return "expected one of " + std::string(f.choices ? f.choices : "");
      return "";
    }
    case LS_CFG_INT: {
      if (e.kind == K::Text) {
        const auto v = parse_int(e.text);
        if (!v) return "expected integer";
        e.kind = K::Int;
        e.number = *v;
      }
      if (e.kind != K::Int) return "expected integer";
      if (f.min < f.max && (e.number < f.min || e.number > f.max))
        return "out of range [" + std::to_string(f.min) + ", " + std::to_string(f.max) + "]";
      return "";
    }
    case LS_CFG_BOOL: {
      if (e.kind == K::Text) {
        const auto v = parse_bool(e.text);
        if (!v) return "expected boolean";
        e.kind = K::Bool;
        e.flag = *v;
      }
      return e.kind == K::Bool ? "" : "expected boolean";
    }
    case LS_CFG_DURATION: {
      if (e.kind == K::Text || e.kind == K::Int) {
        const auto v = e.kind == K::Text ? parse_duration_ms(e.text)
                                         : std::optional<int64_t>(e.number * 1000);
        if (!v) return "expected duration";
        e.kind = K::Duration;
        e.number = *v;
      }
      if (e.kind != K::Duration) return "expected duration";
      if (f.min < f.max && (e.number < f.min || e.number > f.max))
        return "out of range [" + std::to_string(f.min) + "ms, " + std::to_string(f.max) + "ms]";
      return "";
    }
    case LS_CFG_STRING_LIST: {
      if (e.kind == K::Text) {
        const std::vector<std::string> items = parse_flow_list(e.text);
        e.kind = K::StringList;
        e.text.clear();
        e.strings.assign(items.begin(), items.end());
      }
      return e.kind == K::StringList ? "" : "expected a list of strings";
    }
    case LS_CFG_MAP_LIST:
      if (e.kind == K::Text && parse_flow_list(e.text).empty()) e.kind = K::MapList;
      return e.kind == K::MapList ? "" : "expected a list of maps";
    case LS_CFG_MAP:
      if (e.kind != K::Map) return "expected a map";
      return "";
    default:
      return "unknown field type " + std::to_string(f.type) + " in the module's schema";
  }
}
}  // namespace detail

/**
 * Fill the unset keys of `node` from the schema defaults and check it as the kernel does:
 * scalars given as text ("30s", "yes", "[SHA-256, MD5]", "42") are parsed into their typed form,
 * ENUM choices and INT/DURATION ranges are enforced, REQUIRED keys must be present, unknown keys
 * are refused, and MAP / MAP_LIST children are handled recursively (an absent MAP is created so
 * its children's defaults exist). Returns false and sets *error to "PATH.KEY: what is wrong".
 */
inline bool apply_schema_defaults(FakeConfig &node, const ls_config_field_t *fields, uint32_t count,
                                  std::string *error = nullptr,
                                  const std::string &path = "config") {
  auto fail = [&](const std::string &key, const std::string &what) {
    if (error) *error = path + "." + key + ": " + what;
    return false;
  };
  for (const auto &[key, entry] : node.entries()) {
    bool known = false;
    for (uint32_t i = 0; i < count && !known; ++i) known = fields[i].key && key == fields[i].key;
    if (!known) return fail(key, "unknown key");
  }
  for (uint32_t i = 0; i < count; ++i) {
    const ls_config_field_t &f = fields[i];
    const std::string key = f.key ? f.key : "";
    if (!node.has(key)) {
      if (f.default_value) {
        node.set(key, std::string(f.default_value));
      } else if (f.flags & LS_CFG_REQUIRED) {
        return fail(key, "required key missing");
      } else if (f.type == LS_CFG_MAP) {
        node.child(key);
      } else {
        continue;
      }
    }
    const FakeConfig::Entry &given = *node.find(key);
    if (f.type == LS_CFG_MAP && given.kind == FakeConfig::Kind::Text &&
        detail::trim(given.text) == "{}") {
      node.unset(key);  // an empty map written as YAML "{}"
      node.child(key);
    }
    const std::string what = detail::coerce(*node.find_mutable(key), f);
    if (!what.empty()) return fail(key, what);
    FakeConfig::Entry &typed = *node.find_mutable(key);
    if (f.type == LS_CFG_MAP || f.type == LS_CFG_MAP_LIST) {
      for (size_t j = 0; j < typed.children.size(); ++j) {
        const std::string sub = f.type == LS_CFG_MAP ? path + "." + key
                                                     : path + "." + key + "[" + std::to_string(j) + "]";
        if (!apply_schema_defaults(*typed.children[j], f.children, f.child_count, error, sub))
          return false;
      }
    }
  }
  return true;
}

}  // namespace lineside::testing
