// mwi/json_text.hpp: the little JSON the admin routes need: escaping strings for output, and
// reading a request body that must be one flat object of scalars.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::mwi {

/// `text` as a JSON string literal (quotes included); invalid UTF-8 bytes become U+FFFD.
std::string json_string(std::string_view text);

/// One member value of a flat JSON object.
struct JsonScalar {
  enum class Kind { number, string, boolean, null, composite };
  Kind kind = Kind::null;
  std::string text;                ///< the literal (numbers) or decoded text (strings)
  std::optional<int64_t> integer;  ///< set for numbers that are exact integers in int64 range
};

/// A parsed object, or why the body is not one.
struct JsonObjectResult {
  std::map<std::string, JsonScalar> members;
  std::string error;  ///< "" when parsing succeeded
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// Parse `body` as one JSON object. Nested objects and arrays are accepted syntactically and
/// reported as Kind::composite; a duplicate key, trailing data, or nesting deeper than 32 levels
/// is an error.
JsonObjectResult parse_json_object(std::string_view body);

/// Percent-decode a URL path segment; nothing when malformed.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace lineside::mwi
