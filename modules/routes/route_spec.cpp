// routes/route_spec.cpp: the rules of a route and compiling it for the router.
#include "route_spec.hpp"

#include <cctype>

namespace lineside::routes {
namespace {

using admin_text::FieldError;

bool printable_text(const std::string &s, size_t max) {
  if (s.size() > max) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

void check_number(const std::string &value, const std::string &field, bool required,
                  std::vector<FieldError> &errors) {
  if (value.empty()) {
    if (required) errors.push_back({field, "required", "required by this caller_id policy"});
    return;
  }
  if (value.size() > 20 || !dialable(value)) {
    errors.push_back({field, "format", "expected 1 to 20 of 0-9 * # +, got '" + value + "'"});
  }
}

}  // namespace

bool valid_route_name(const std::string &name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      return false;
  }
  return true;
}

std::optional<Route> compile_route(const RouteSpec &spec, std::vector<FieldError> &errors,
                                   const std::string &prefix) {
  const size_t before = errors.size();
  Route route;
  route.spec = spec;
  if (!valid_route_name(spec.name)) {
    errors.push_back({prefix + "name", "format", "expected 1 to 64 of A-Z a-z 0-9 _ . -"});
  }
  if (spec.patterns.empty()) {
    errors.push_back({prefix + "patterns", "required", "a route needs at least one digit pattern"});
  }
  for (size_t i = 0; i < spec.patterns.size(); ++i) {
    std::string why;
    auto p = DialPattern::parse(spec.patterns[i], why);
    if (!p) {
      errors.push_back({prefix + "patterns[" + std::to_string(i) + "]", "format", why});
      continue;
    }
    route.patterns.push_back(std::move(*p));
  }
  if (spec.strip > kMaxStrip) {
    errors.push_back(
        {prefix + "strip", "range", "must be between 0 and " + std::to_string(kMaxStrip)});
  }
  if (!spec.prepend.empty() && (spec.prepend.size() > 20 || !dialable(spec.prepend))) {
    errors.push_back({prefix + "prepend", "format", "expected up to 20 of 0-9 * # +"});
  }
  check_number(spec.external_number, prefix + "external_number",
               spec.caller_id == CallerIdPolicy::external, errors);
  check_number(spec.did_prefix, prefix + "did_prefix", spec.caller_id == CallerIdPolicy::did,
               errors);
  if (!printable_text(spec.caller_name, 64)) {
    errors.push_back({prefix + "caller_name", "format",
                      "at most 64 printable characters, no quotes or backslashes"});
  }
  if (spec.trunk_number < 1 || spec.trunk_number > kMaxTrunkNumber) {
    errors.push_back({prefix + "trunk_number", "range", "must be between 1 and 9999"});
  }
  if (!printable_text(spec.trunk_name, 64)) {
    errors.push_back({prefix + "trunk_name", "format", "at most 64 printable characters"});
  }
  if (spec.gateways.empty()) {
    errors.push_back({prefix + "gateways", "required", "a route needs at least one gateway"});
  }
  if (spec.gateways.size() > kMaxGateways) {
    errors.push_back({prefix + "gateways", "range", "at most 16 gateways"});
  }
  for (size_t i = 0; i < spec.gateways.size(); ++i) {
    const GatewaySpec &g = spec.gateways[i];
    const std::string at = prefix + "gateways[" + std::to_string(i) + "].";
    std::string why;
    auto uri = GatewayUri::parse(g.uri, why);
    if (!uri) {
      errors.push_back({at + "uri", "format", why});
    } else {
      route.gateways.push_back(std::move(*uri));
    }
    if (g.trunk_number > kMaxTrunkNumber) {
      errors.push_back(
          {at + "trunk_number", "range", "must be between 1 and 9999 (0: the route's)"});
    }
    if (!printable_text(g.trunk_name, 64)) {
      errors.push_back({at + "trunk_name", "format", "at most 64 printable characters"});
    }
  }
  if (errors.size() != before) return std::nullopt;
  return route;
}

const char *route_type_name(RouteType type) {
  return type == RouteType::emergency ? "emergency" : "normal";
}

const char *caller_id_name(CallerIdPolicy policy) {
  switch (policy) {
    case CallerIdPolicy::external:
      return "external";
    case CallerIdPolicy::did:
      return "did";
    case CallerIdPolicy::dn:
      break;
  }
  return "dn";
}

std::optional<RouteType> route_type_from(const std::string &text) {
  if (text == "normal") return RouteType::normal;
  if (text == "emergency") return RouteType::emergency;
  return std::nullopt;
}

std::optional<CallerIdPolicy> caller_id_from(const std::string &text) {
  if (text == "dn") return CallerIdPolicy::dn;
  if (text == "external") return CallerIdPolicy::external;
  if (text == "did") return CallerIdPolicy::did;
  return std::nullopt;
}

}  // namespace lineside::routes
