// srtp-media/endpoint_view.hpp: one relay endpoint as the admin API shows it (GET
// /api/v1/media/calls): a copy its media thread publishes, so other threads never read the live one.
#pragma once

#include <cstdint>

#include "socket_address.hpp"

namespace lineside::media {

struct EndpointView {
  uint64_t call_id = 0;
  uint32_t leg = 0;     ///< kCallerLeg, or the fork's number (leg_index + 1)
  uint32_t stream = 0;  ///< m-line index
  uint16_t relay_port = 0;
  bool srtp_in = false;         ///< the leg sends us SRTP
  bool srtp_out = false;        ///< we send the leg SRTP
  bool latched = false;         ///< `current` is where the leg was heard from
  bool sending_to_leg = false;  ///< the leg wants media (not on hold towards it)
  SocketAddress signalled;      ///< the address its SDP gave
  SocketAddress current;        ///< where packets to it go
  uint64_t packets_in = 0;      ///< accepted from the leg
  uint64_t packets_out = 0;     ///< sent to the leg
  int64_t idle_ms = 0;          ///< since the last packet from the leg
};

}  // namespace lineside::media
