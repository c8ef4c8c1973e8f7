// routes/route_legs.cpp: building the legs of a routed call.
#include "route_legs.hpp"

namespace lineside::routes {

std::string caller_id_for(const RouteSpec &spec, const std::string &caller_dn) {
  switch (spec.caller_id) {
    case CallerIdPolicy::external:
      return spec.external_number;
    case CallerIdPolicy::did:
      return spec.did_prefix + caller_dn;
    case CallerIdPolicy::dn:
      break;
  }
  return caller_dn;
}

std::vector<TrunkLeg> legs_for(const RouteMatch &match, const std::string &caller_dn,
                               const std::string &domain) {
  std::vector<TrunkLeg> legs;
  const Route &route = *match.route;
  const RouteSpec &spec = route.spec;
  const std::string caller_id = caller_id_for(spec, caller_dn);
  for (size_t i = 0; i < route.gateways.size() && i < spec.gateways.size(); ++i) {
    const GatewayUri &gw = route.gateways[i];
    const GatewaySpec &gs = spec.gateways[i];
    TrunkLeg leg;
    leg.uri = gw.request_uri(match.digits);
    leg.transport = gw.transport();
    leg.dn = match.digits;
    leg.failover_group = static_cast<uint32_t>(i);
    leg.trunk_number = gs.trunk_number ? gs.trunk_number : spec.trunk_number;
    leg.trunk_name = !gs.trunk_name.empty()     ? gs.trunk_name
                     : !spec.trunk_name.empty() ? spec.trunk_name
                                                : spec.name;
    if (spec.caller_id != CallerIdPolicy::dn) leg.from_user = caller_id;
    if (!spec.caller_name.empty()) leg.from_display = spec.caller_name;
    if (spec.send_pai && !caller_id.empty()) {
      leg.asserted_identity = asserted_identity_of(caller_id, domain);
    } else {
      leg.asserted_identity = std::string();
    }
    if (spec.type == RouteType::emergency) leg.extra_headers = "Priority: emergency\r\n";
    legs.push_back(std::move(leg));
  }
  return legs;
}

}  // namespace lineside::routes
