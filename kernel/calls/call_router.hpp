// calls/call_router.hpp: the default router: dialled digits -> the devices on which that DN
// appears (main or additional line) -> every registered contact that may be dialled.
#pragma once

#include <string>
#include <vector>

#include "lineside/providers/location.h"

namespace lineside::kernel {

class Directory;
class ProviderRegistry;

/// One contact to ring.
struct CallTarget {
  std::string device_id;
  std::string user;         ///< AoR user of the binding
  std::string dn;           ///< the dialled DN as it appears on that device
  std::string contact_uri;  ///< Request-URI for the B leg
  uint32_t transport = LS_TRANSPORT_UDP;
  ls_flow_id_t flow = 0;    ///< connection to use for TCP/TLS (never open a new one)
  std::string next_hop;     ///< route-hook targets: send via this URI (gateway), else empty
  bool is_device = true;    ///< false for a route hook's non-device target (trunk)
  // Route-hook targets only (ls_route_target_t):
  uint32_t failover_group = 0;         ///< tried after every lower group failed
  uint32_t trunk_number = 0;           ///< SMDR "Tnnn", 0 for internal
  std::string trunk_name;
  std::string from_user;               ///< From user on this leg, "" = the caller's DN
  std::string from_display;            ///< From display on this leg, "" = the directory's
  bool has_asserted_identity = false;  ///< true: use asserted_identity ("" = no PAI) instead of the rule
  std::string asserted_identity;
  std::string extra_headers;           ///< header lines added to the INVITE
};

/// What routing found for a dialled number.
struct RouteResult {
  enum class Outcome { targets, unknown_number, not_registered, no_location_service };
  Outcome outcome = Outcome::unknown_number;
  std::vector<CallTarget> targets;
};

/// SIP thread only; reads the directory and the lineside.location/1 provider on each call.
class CallRouter {
 public:
  CallRouter(const Directory &directory, const ProviderRegistry &providers)
      : directory_(directory), providers_(providers) {}
  [[nodiscard]] RouteResult route(const std::string &dialled) const;

 private:
  const Directory &directory_;
  const ProviderRegistry &providers_;
};

}  // namespace lineside::kernel
