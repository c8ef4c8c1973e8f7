// srtp-media/packet_relay.hpp: the packet path: one datagram read from a leg's socket checked,
// latched, decrypted, re-encrypted for the other leg and sent on.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>

#include "relay_counters.hpp"
#include "relay_endpoint.hpp"

namespace lineside::media {

/// Largest datagram relayed; the buffer must have room for it plus the SRTP trailer.
inline constexpr size_t kMaxDatagram = 2048;
inline constexpr size_t kPacketBufferSize = kMaxDatagram + 64;
/// A latched source that fell silent this long may be replaced by a new one.
inline constexpr int64_t kRelatchAfterSilenceMs = 2000;
/// How long the context before a re-key keeps decrypting late packets.
inline constexpr int64_t kRekeyGraceMs = 3000;

struct Datagram {
  uint8_t *data;
  size_t len;
  size_t capacity;
  const sockaddr_storage &source;  ///< where it came from (the read buffer's slot, not a copy)
  socklen_t source_len;
};

/// Handle one datagram `from` sent to our RTP socket (`rtcp_socket` false) or RTCP socket.
void relay_datagram(RelayEndpoint &from, bool rtcp_socket, Datagram &d, int64_t now_ms,
                    RelayCounters &counters);

/// True for an RTCP packet arriving on a multiplexed RTP port (RFC 5761 §4: type 192..223).
[[nodiscard]] bool looks_like_rtcp(const uint8_t *data, size_t len);

}  // namespace lineside::media
