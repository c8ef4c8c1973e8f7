// routes/trunk_leg.cpp: TrunkLeg -> ls_route_target_t views, and identity text.
#include "trunk_leg.hpp"

#include "gateway_uri.hpp"

namespace lineside::routes {
namespace {

const char *optional_c(const std::optional<std::string> &s) {
  return s ? s->c_str() : nullptr;
}

}  // namespace

std::vector<ls_route_target_t> route_targets(const std::vector<TrunkLeg> &legs) {
  std::vector<ls_route_target_t> out;
  out.reserve(legs.size());
  for (const TrunkLeg &leg : legs) {
    ls_route_target_t t{};
    t.size = sizeof t;
    t.transport = leg.transport;
    t.uri = leg.uri.c_str();
    t.next_hop = nullptr;
    t.device_id = nullptr;
    t.dn = leg.dn.empty() ? nullptr : leg.dn.c_str();
    t.failover_group = leg.failover_group;
    t.trunk_number = leg.trunk_number;
    t.trunk_name = leg.trunk_name.empty() ? nullptr : leg.trunk_name.c_str();
    t.from_user = optional_c(leg.from_user);
    t.from_display = optional_c(leg.from_display);
    t.asserted_identity = optional_c(leg.asserted_identity);
    t.extra_headers = leg.extra_headers.empty() ? nullptr : leg.extra_headers.c_str();
    out.push_back(t);
  }
  return out;
}

std::string asserted_identity_of(const std::string &user, const std::string &domain) {
  return "<sip:" + escape_uri_user(user) + "@" + domain + ">";
}

}  // namespace lineside::routes
