// routes/route_json.hpp: routes as JSON for the admin API and the store, and back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "admin_text.hpp"
#include "json_value.hpp"
#include "route_spec.hpp"

namespace lineside::routes {

/// The spec as a JSON object (the keys of the YAML schema).
std::string spec_json(const RouteSpec &spec);

/// spec_json plus "source": "config" or "api".
std::string route_json(const Route &route);

/// A spec from a JSON object with the YAML schema's keys (defaults as in YAML). `name` (from
/// the URL) is used when the body has none and must equal it when it has one. Type errors and
/// unknown keys are appended to `errors` (then nothing is returned); the route rules are
/// checked later by compile_route.
std::optional<RouteSpec> spec_from_json(const json::Value &body, const std::string &name,
                                        std::vector<admin_text::FieldError> &errors);

}  // namespace lineside::routes
