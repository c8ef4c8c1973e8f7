// kpml/json_fields.hpp: reading a flat JSON object (string, number, boolean and null members) as
// the admin API's POST bodies are, and writing JSON strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::kpml {

/// One member value: its JSON kind and its text (strings unescaped, numbers as written).
struct JsonScalar {
  enum class Kind { string, number, boolean, null };
  Kind kind = Kind::null;
  std::string text;
};

/// The members of `{...}`, or nothing (with `error` set) when the text is not a flat object: nested
/// objects and arrays, duplicate keys, bad escapes and trailing text are refused.
std::optional<std::map<std::string, JsonScalar>> parse_flat_object(std::string_view text,
                                                                   std::string &error);

/// `"..."` with quotes, backslashes and control characters escaped.
std::string json_string(std::string_view text);

}  // namespace lineside::kpml
