// routes/admin_text.hpp: admin API plumbing shared by the routes and emergency modules: the
// resource named after a route prefix, query parameters, and the JSON of a refusal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lineside::admin_text {

/// One refused field, as the kernel's admin API reports it: {"field","rule","message"}.
struct FieldError {
  std::string field;    ///< "cesid", "gateways[1].uri", "line 4: cesid"
  std::string rule;     ///< "required", "type", "format", "range", "duplicate", ...
  std::string message;  ///< what is wrong, for a person
};

/// What follows `prefix` in `path`: nullopt when the path is not under the prefix or has more
/// than one segment; "" for the collection itself (prefix or prefix + "/"); else the one
/// percent-decoded segment ("/api/v1/cesid/1001" -> "1001").
std::optional<std::string> resource_name(std::string_view path, std::string_view prefix);

/// Percent-decode a URL component ('+' is a space only when `plus_is_space`); nothing when
/// malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// The decoded value of `name` in a query string ("a=1&b=2"), or nothing when absent or malformed.
std::optional<std::string> query_parameter(std::string_view query, std::string_view name);

/// {"error": summary, "errors": [...]} (errors omitted when empty).
std::string refusal_json(const std::string &summary, const std::vector<FieldError> &errors = {});

}  // namespace lineside::admin_text
