// routes/routes_config.cpp: schema tables and YAML -> RouteSpec -> Route with located errors.
#include "routes_config.hpp"

#include <set>

namespace lineside::routes {
namespace {

constexpr ls_config_field_t field(uint32_t type, const char *key, const char *default_value,
                                  const char *doc, int64_t min = 0, int64_t max = 0,
                                  const char *choices = nullptr, uint32_t flags = 0) {
  return ls_config_field_t{sizeof(ls_config_field_t),
                           type,
                           key,
                           default_value,
                           doc,
                           flags,
                           0,
                           min,
                           max,
                           choices,
                           nullptr};
}

const ls_config_field_t kGatewayFields[] = {
    field(LS_CFG_STRING, "uri", nullptr,
          "gateway SIP URI without user part: sip:127.0.0.1:5090;transport=udp, or "
          "sip:gw.example.net "
          "(resolved with NAPTR/SRV/A)",
          0, 0, nullptr, LS_CFG_REQUIRED),
    field(LS_CFG_INT, "trunk_number", "0",
          "trunk number of this gateway (SMDR Tnnn); 0: the route's", 0, 9999),
    field(LS_CFG_STRING, "trunk_name", nullptr, "trunk name of this gateway; empty: the route's"),
};

constexpr ls_config_field_t gateways_field() {
  ls_config_field_t f = field(LS_CFG_MAP_LIST, "gateways", nullptr,
                              "gateways in failover order: the next is tried when one fails with "
                              "408, 5xx or 6xx (not 603) or cannot be reached",
                              0, 0, nullptr, LS_CFG_REQUIRED);
  f.child_count = count_of(kGatewayFields);
  f.children = kGatewayFields;
  return f;
}

const ls_config_field_t kRouteFields[] = {
    field(LS_CFG_STRING, "name", nullptr, "route name (A-Z a-z 0-9 _ . -), unique", 0, 0, nullptr,
          LS_CFG_REQUIRED),
    field(LS_CFG_STRING_LIST, "patterns", nullptr,
          "dialled-number patterns: literal digits (911) or Asterisk style with a leading _ "
          "(X 0-9, Z 1-9, N 2-9, [1-5], trailing . one or more, ! zero or more); the most specific "
          "match wins",
          0, 0, nullptr, LS_CFG_REQUIRED),
    field(LS_CFG_INT, "strip", "0", "leading digits removed before sending", 0, kMaxStrip),
    field(LS_CFG_STRING, "prepend", nullptr, "digits put in front after stripping"),
    field(LS_CFG_ENUM, "type", "normal",
          "normal, or emergency (Priority: emergency; takes emergency calls nothing else matched)",
          0, 0, "normal|emergency"),
    field(LS_CFG_ENUM, "caller_id", "dn",
          "caller number on the trunk: dn (the caller's DN), external (external_number), did "
          "(did_prefix + DN)",
          0, 0, "dn|external|did"),
    field(LS_CFG_STRING, "external_number", nullptr, "the caller number for caller_id: external"),
    field(LS_CFG_STRING, "did_prefix", nullptr, "put before the caller's DN for caller_id: did"),
    field(LS_CFG_STRING, "caller_name", nullptr,
          "From display name on the trunk; empty: the directory's"),
    field(LS_CFG_BOOL, "send_pai", "true", "send P-Asserted-Identity with the caller number"),
    field(LS_CFG_INT, "trunk_number", "1",
          "trunk number reported for calls on this route (SMDR Tnnn)", 1, 9999),
    field(LS_CFG_STRING, "trunk_name", nullptr,
          "trunk name reported for calls; empty: the route name"),
    gateways_field(),
};

constexpr ls_config_field_t routes_field() {
  ls_config_field_t f = field(LS_CFG_MAP_LIST, "routes", nullptr,
                              "outbound routes (ARS): digit patterns to SIP trunk gateways");
  f.child_count = count_of(kRouteFields);
  f.children = kRouteFields;
  return f;
}

const ls_config_field_t kFields[] = {
    routes_field(),
};

RouteSpec spec_of(const Config &node) {
  RouteSpec s;
  s.name = node.string_or("name", "");
  s.patterns = node.strings("patterns");
  s.strip = static_cast<uint32_t>(node.integer("strip").value_or(0));
  s.prepend = node.string_or("prepend", "");
  s.type = route_type_from(node.string_or("type", "normal")).value_or(RouteType::normal);
  s.caller_id = caller_id_from(node.string_or("caller_id", "dn")).value_or(CallerIdPolicy::dn);
  s.external_number = node.string_or("external_number", "");
  s.did_prefix = node.string_or("did_prefix", "");
  s.caller_name = node.string_or("caller_name", "");
  s.send_pai = node.boolean("send_pai").value_or(true);
  s.trunk_number = static_cast<uint32_t>(node.integer("trunk_number").value_or(1));
  s.trunk_name = node.string_or("trunk_name", "");
  for (const Config &g : node.children("gateways")) {
    GatewaySpec gs;
    gs.uri = g.string_or("uri", "");
    gs.trunk_number = static_cast<uint32_t>(g.integer("trunk_number").value_or(0));
    gs.trunk_name = g.string_or("trunk_name", "");
    s.gateways.push_back(std::move(gs));
  }
  return s;
}

/// Report one rule at the YAML node it concerns: "gateways[1].uri" at that gateway's uri key,
/// "patterns[0]" at the route's patterns key.
void report(const Host &host, const Config &route_node, const admin_text::FieldError &e) {
  const std::string &f = e.field;
  if (f.rfind("gateways[", 0) == 0) {
    const size_t close = f.find(']');
    const size_t dot = f.find('.', close);
    if (close != std::string::npos && dot != std::string::npos) {
      const uint32_t index = static_cast<uint32_t>(std::stoul(f.substr(9, close - 9)));
      const std::vector<Config> gateways = route_node.children("gateways");
      if (index < gateways.size()) {
        const std::string key = f.substr(dot + 1);
        host.config_error(gateways[index], key.c_str(), e.message);
        return;
      }
    }
  }
  const std::string key = f.substr(0, f.find_first_of("[."));
  const std::string message = key == f ? e.message : f + ": " + e.message;
  host.config_error(route_node, key.c_str(), message);
}

}  // namespace

const ls_config_field_t *routes_config_fields() {
  return kFields;
}
uint32_t routes_config_field_count() {
  return count_of(kFields);
}

std::optional<std::vector<Route>> read_config_routes(const Host &host, const Config &config) {
  std::vector<Route> routes;
  std::set<std::string> names;
  bool ok = true;
  for (const Config &node : config.children("routes")) {
    const RouteSpec spec = spec_of(node);
    std::vector<admin_text::FieldError> errors;
    auto route = compile_route(spec, errors);
    for (const auto &e : errors) report(host, node, e);
    if (!route) {
      ok = false;
      continue;
    }
    if (!names.insert(spec.name).second) {
      host.config_error(node, "name", "route name '" + spec.name + "' is used twice");
      ok = false;
      continue;
    }
    routes.push_back(std::move(*route));
  }
  if (!ok) return std::nullopt;
  return routes;
}

}  // namespace lineside::routes
