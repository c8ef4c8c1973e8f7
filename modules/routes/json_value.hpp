// routes/json_value.hpp: a small JSON reader (RFC 8259) and string quoting for admin API bodies,
// shared by the routes and emergency modules (modules cannot use the kernel's JSON library).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lineside::json {

/// One parsed JSON value. Objects keep their members in document order.
class Value {
 public:
  enum class Kind { null, boolean, number, string, array, object };

  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;  ///< the string (string) or the number as written (number)
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members;

  [[nodiscard]] bool is_null() const { return kind == Kind::null; }
  [[nodiscard]] bool is_string() const { return kind == Kind::string; }
  [[nodiscard]] bool is_array() const { return kind == Kind::array; }
  [[nodiscard]] bool is_object() const { return kind == Kind::object; }
  [[nodiscard]] bool is_bool() const { return kind == Kind::boolean; }
  [[nodiscard]] bool is_number() const { return kind == Kind::number; }
  /// The member `key` of an object (the last one when repeated), or nullptr.
  [[nodiscard]] const Value *find(std::string_view key) const;
  /// A number written as an integer (no fraction or exponent) that fits int64, else nothing.
  [[nodiscard]] std::optional<int64_t> integer() const;
};

/// The outcome of parse(): a value, or an error saying where ("at byte 12: expected ':'").
struct ParseResult {
  std::optional<Value> value;
  std::string error;
};

/// Parse one JSON document (surrounding whitespace allowed). Nesting deeper than `max_depth` and
/// invalid UTF-8 inside strings are errors; \u escapes become UTF-8.
ParseResult parse(std::string_view text, int max_depth = 32);

/// `text` as a JSON string literal, quotes included; invalid UTF-8 bytes become U+FFFD.
std::string quote(std::string_view text);

/// JSON name of a kind, for error messages ("a string", "an array").
const char *kind_name(Value::Kind kind);

}  // namespace lineside::json
