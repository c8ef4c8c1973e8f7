// srtp-media/relay_endpoint.hpp: one leg's side of one stream inside a media thread: its sockets,
// where the leg is (latched), its SRTP contexts both ways and the endpoint it is paired with.
#pragma once

#include <cstdint>
#include <memory>

#include "core/srtp_stream.hpp"
#include "port_pool.hpp"
#include "socket_address.hpp"

namespace lineside::media {

struct RelayEndpoint;

/// What epoll hands back for a readable socket.
struct SocketTag {
  RelayEndpoint *endpoint = nullptr;
  bool rtcp_socket = false;
};

/// One address the leg uses: what its SDP said and what we heard it send from.
struct LatchedAddress {
  SocketAddress current;      ///< where we send: the latched source, else `signalled`
  bool latched = false;
  int64_t last_heard_ms = 0;  ///< last packet from `current`
  SocketAddress signalled;    ///< from the SDP (empty: none, or 0.0.0.0); not read per packet
};

struct RelayEndpoint {
  // Read or written for every packet: the first 64 bytes, then the flags and `rtp` up to its
  // `signalled` in the next 64.
  RelayEndpoint *peer = nullptr;
  std::unique_ptr<srtp::SrtpStream> inbound;
  std::unique_ptr<srtp::SrtpStream> outbound;
  /// The context before a re-key, tried while packets under the old key may still arrive.
  std::unique_ptr<srtp::SrtpStream> previous_inbound;
  int64_t last_received_ms = 0;  ///< any packet from the leg (inactivity timeout)
  uint64_t packets_in = 0;       ///< accepted from the leg (the media thread's own, like the rest)
  uint64_t packets_out = 0;      ///< sent to the leg
  int rtp_fd = -1;               ///< ports->rtp_fd(), copied: one pointer less per packet
  int rtcp_fd = -1;              ///< ports->rtcp_fd()
  bool rtcp_mux = false;
  bool send_to_leg = false;
  bool leg_sends = false;
  LatchedAddress rtp;
  LatchedAddress rtcp;
  int64_t previous_inbound_until_ms = 0;
  // Set when the endpoint is made.
  uint64_t call_id = 0;
  uint32_t leg = 0;
  uint32_t stream = 0;
  std::unique_ptr<RelayPorts> ports;
  SocketTag rtp_tag;
  SocketTag rtcp_tag;

  /// Paired both ways: packets may flow between the two.
  [[nodiscard]] bool paired() const { return peer != nullptr && peer->peer == this; }
  /// The stream is two-way on both sides (what the inactivity timeout watches).
  [[nodiscard]] bool two_way() const {
    return paired() && leg_sends && send_to_leg && peer->leg_sends && peer->send_to_leg;
  }
};

}  // namespace lineside::media
