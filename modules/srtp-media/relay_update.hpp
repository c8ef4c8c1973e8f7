// srtp-media/relay_update.hpp: what the SIP thread tells a media thread about one call: the setup
// of its endpoints after an offer/answer, the answer that won, the end of the call.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/srtp_stream.hpp"
#include "port_pool.hpp"
#include "socket_address.hpp"

namespace lineside::media {

/// Leg numbering inside a call: the caller is 0, B leg (fork) k is k + 1.
inline constexpr uint32_t kCallerLeg = 0;

/// The setup of one leg's side of one stream (m-line index), as agreed by an offer/answer.
struct EndpointSetup {
  uint32_t leg = 0;
  uint32_t stream = 0;
  /// The sockets, the first time this endpoint reaches the relay (then owned by it).
  std::unique_ptr<RelayPorts> ports;
  SocketAddress remote_rtp;   ///< from the SDP; the relay re-latches to what it hears
  SocketAddress remote_rtcp;  ///< ignored when rtcp_mux
  bool rtcp_mux = false;
  bool send_to_leg = true;  ///< the leg wants to receive (not on hold, not 0.0.0.0)
  bool leg_sends = true;    ///< the leg said it will send (used by the inactivity check)
  /// Replace the SRTP contexts when set: a null stream means plain RTP from then on.
  bool replace_inbound = false;
  std::unique_ptr<srtp::SrtpStream> inbound;  ///< decrypts what the leg sends
  bool replace_outbound = false;
  std::unique_ptr<srtp::SrtpStream> outbound;  ///< encrypts what we send to the leg
  uint32_t peer_leg = 0;  ///< the leg whose same stream this one is paired with
};

struct RelayCommand {
  enum class Kind { configure, answered, remove };
  Kind kind = Kind::configure;
  uint64_t call_id = 0;
  std::vector<EndpointSetup> endpoints;  ///< configure
  uint32_t winner_leg = 0;               ///< answered: every other B leg is dropped
};

}  // namespace lineside::media
