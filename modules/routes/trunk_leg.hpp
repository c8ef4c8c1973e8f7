// routes/trunk_leg.hpp: one B leg towards a trunk gateway with its strings owned, and its view as
// the ls_route_target_t the host's call_route_to() takes (shared by the routes and emergency
// modules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lineside/call.h"

namespace lineside::routes {

struct TrunkLeg {
  std::string uri;              ///< Request-URI ("sip:96135550100@gw;transport=udp")
  uint32_t transport = 0;       ///< LS_TRANSPORT_*, UNKNOWN = follow the URI
  std::string dn;               ///< the called number shown (the digits sent)
  uint32_t failover_group = 0;  ///< gateway order: 0, 1, 2...
  uint32_t trunk_number = 0;    ///< SMDR "Tnnn"
  std::string trunk_name;
  std::optional<std::string> from_user;          ///< nullopt: the caller's DN
  std::optional<std::string> from_display;       ///< nullopt: the directory's display name
  std::optional<std::string> asserted_identity;  ///< nullopt: the kernel's rule; "" none
  std::string extra_headers;                     ///< "Priority: emergency\r\n" or ""
};

/// Views of `legs` for call_route_to(); they point into `legs`, which must outlive them.
std::vector<ls_route_target_t> route_targets(const std::vector<TrunkLeg> &legs);

/// "<sip:USER@DOMAIN>" for a P-Asserted-Identity header.
std::string asserted_identity_of(const std::string &user, const std::string &domain);

}  // namespace lineside::routes
