// routes/route_legs.hpp: the trunk legs of a routed call: one failover group per gateway, with the
// caller id the route's policy gives.
#pragma once

#include <string>
#include <vector>

#include "route_table.hpp"
#include "trunk_leg.hpp"

namespace lineside::routes {

/// The number the trunk sees as the caller for `caller_dn` under the route's caller_id policy.
std::string caller_id_for(const RouteSpec &spec, const std::string &caller_dn);

/// One leg per gateway of match.route, in order (failover groups 0, 1, ...), sending
/// match.digits, From/PAI per the caller_id policy (PAI in `domain`), "Priority: emergency" on
/// emergency routes.
std::vector<TrunkLeg> legs_for(const RouteMatch &match, const std::string &caller_dn,
                               const std::string &domain);

}  // namespace lineside::routes
