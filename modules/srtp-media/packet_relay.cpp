// srtp-media/packet_relay.cpp: checks, latching, SRTP<->RTP conversion and sending of one packet.
#include "packet_relay.hpp"

#include <sys/socket.h>

#include <cstring>

namespace lineside::media {
namespace {

constexpr size_t kRtpHeader = 12;
constexpr size_t kRtcpHeader = 8;

bool valid_header(const uint8_t *data, size_t len, bool rtcp) {
  return len >= (rtcp ? kRtcpHeader : kRtpHeader) && (data[0] >> 6) == 2;
}

bool unprotect(srtp::SrtpStream &s, bool rtcp, uint8_t *data, size_t &len) {
  return rtcp ? s.unprotect_rtcp(data, len) : s.unprotect_rtp(data, len);
}

/// Decrypt with the current context, then (during a re-key's grace time) with the previous one.
bool decrypt(RelayEndpoint &from, bool rtcp, Datagram &d, int64_t now_ms) {
  const bool fallback = from.previous_inbound && now_ms < from.previous_inbound_until_ms;
  if (!fallback) return unprotect(*from.inbound, rtcp, d.data, d.len);
  uint8_t copy[kPacketBufferSize];
  const size_t original = d.len;
  std::memcpy(copy, d.data, original);
  if (unprotect(*from.inbound, rtcp, d.data, d.len)) return true;
  std::memcpy(d.data, copy, original);
  d.len = original;
  return unprotect(*from.previous_inbound, rtcp, d.data, d.len);
}

/// Symmetric RTP: send back to where the leg sends from. The first packet (after
/// authentication for SRTP) latches; another source takes over only once the latched one has
/// been silent for kRelatchAfterSilenceMs, or with a packet that passed SRTP authentication.
bool accept_source(LatchedAddress &a, const Datagram &d, bool authenticated, int64_t now_ms) {
  if (a.current.same_as(d.source, d.source_len)) {
    a.latched = true;
    a.last_heard_ms = now_ms;
    return true;
  }
  if (a.latched && !authenticated && now_ms - a.last_heard_ms < kRelatchAfterSilenceMs)
    return false;
  a.current = SocketAddress::from_raw(d.source, d.source_len);
  a.latched = true;
  a.last_heard_ms = now_ms;
  return true;
}

}  // namespace

bool looks_like_rtcp(const uint8_t *data, size_t len) {
  return len >= 2 && data[1] >= 192 && data[1] <= 223;
}

void relay_datagram(RelayEndpoint &from, bool rtcp_socket, Datagram &d, int64_t now_ms,
                    RelayCounters &counters) {
  counters.received.add();
  const bool rtcp = rtcp_socket || (from.rtcp_mux && looks_like_rtcp(d.data, d.len));
  if (!valid_header(d.data, d.len, rtcp)) {
    counters.dropped_malformed.add();
    return;
  }
  const bool srtp_in = from.inbound != nullptr;
  if (srtp_in) {
    if (!decrypt(from, rtcp, d, now_ms)) {
      counters.dropped_auth.add();
      return;
    }
    counters.srtp_decrypted.add();
  }
  LatchedAddress &source = rtcp && !from.rtcp_mux ? from.rtcp : from.rtp;
  if (!accept_source(source, d, srtp_in, now_ms)) {
    counters.dropped_source.add();
    return;
  }
  from.last_received_ms = now_ms;
  ++from.packets_in;
  if (!from.paired()) {
    counters.dropped_no_peer.add();
    return;
  }
  RelayEndpoint &to = *from.peer;
  const bool to_mux = to.rtcp_mux;
  const SocketAddress &dest = rtcp && !to_mux ? to.rtcp.current : to.rtp.current;
  if (!to.send_to_leg || dest.empty()) {
    counters.dropped_hold.add();
    return;
  }
  if (to.outbound) {
    const bool ok = rtcp ? to.outbound->protect_rtcp(d.data, d.len, d.capacity)
                         : to.outbound->protect_rtp(d.data, d.len, d.capacity);
    if (!ok) {
      counters.dropped_protect.add();
      return;
    }
    counters.srtp_encrypted.add();
  }
  const int fd = rtcp && !to_mux ? to.rtcp_fd : to.rtp_fd;
  if (::sendto(fd, d.data, d.len, MSG_DONTWAIT, dest.raw(), dest.length()) < 0) {
    counters.send_errors.add();
    return;
  }
  ++to.packets_out;
  counters.relayed.add();
}

}  // namespace lineside::media
