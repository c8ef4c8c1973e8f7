// routes/route_spec.hpp: one outbound route as an administrator writes it (YAML or API), its
// rules, and the checked form the router uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin_text.hpp"
#include "dial_pattern.hpp"
#include "gateway_uri.hpp"

namespace lineside::routes {

/// normal: any external call; emergency: an emergency route (its calls carry "Priority:
/// emergency", and it takes emergency calls no other route matched).
enum class RouteType { normal, emergency };
/// The number the trunk sees as the caller: dn (the caller's DN), external (one configured
/// number for everybody), did (did_prefix followed by the caller's DN).
enum class CallerIdPolicy { dn, external, did };

struct GatewaySpec {
  std::string uri;            ///< "sip:127.0.0.1:5090;transport=udp", "sip:gw.example.net"
  uint32_t trunk_number = 0;  ///< 1..9999, 0 = the route's
  std::string trunk_name;     ///< "" = the route's
};

struct RouteSpec {
  std::string name;
  std::vector<std::string> patterns;  ///< see dial_pattern.hpp
  uint32_t strip = 0;                 ///< leading digits removed from the dialled number
  std::string prepend;                ///< then put in front
  RouteType type = RouteType::normal;
  CallerIdPolicy caller_id = CallerIdPolicy::dn;
  std::string external_number;        ///< caller_id external
  std::string did_prefix;             ///< caller_id did
  std::string caller_name;            ///< From display name on the trunk, "" = the directory's
  bool send_pai = true;               ///< P-Asserted-Identity with the caller id on the trunk
  uint32_t trunk_number = 1;          ///< 1..9999 (SMDR "Tnnn")
  std::string trunk_name;             ///< "" = the route's name
  std::vector<GatewaySpec> gateways;  ///< tried in this order (failover)
};

/// A route whose spec passed every rule, with its patterns and gateways parsed.
struct Route {
  RouteSpec spec;
  std::vector<DialPattern> patterns;
  std::vector<GatewayUri> gateways;
  bool from_api = false;  ///< defined through the admin API (stored), not the YAML file
};

constexpr uint32_t kMaxStrip = 20;
constexpr size_t kMaxGateways = 16;
constexpr uint32_t kMaxTrunkNumber = 9999;

/// Check `spec`; every broken rule is appended to `errors` with fields like "patterns[1]" or
/// "gateways[0].uri" (prefixed by `field_prefix`). Returns the checked route when there is none.
std::optional<Route> compile_route(const RouteSpec &spec,
                                   std::vector<admin_text::FieldError> &errors,
                                   const std::string &field_prefix = "");

/// True for a route name: 1-64 of A-Z a-z 0-9 _ . -
bool valid_route_name(const std::string &name);

const char *route_type_name(RouteType type);
const char *caller_id_name(CallerIdPolicy policy);
std::optional<RouteType> route_type_from(const std::string &text);
std::optional<CallerIdPolicy> caller_id_from(const std::string &text);

}  // namespace lineside::routes
