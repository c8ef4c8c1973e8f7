// srtp-media/relay_counters.hpp: packet counters of one media thread: written by that thread only
// (no locked instruction on the packet path), read by any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace lineside::media {

/// A counter with a single writer: a plain load and store, each atomic, so readers see a value
/// that was true at some point.
class SingleWriterCounter {
 public:
  void add(uint64_t n = 1) {
    value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  [[nodiscard]] uint64_t get() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

struct RelayCounters {
  SingleWriterCounter received;           ///< datagrams read from relay sockets
  SingleWriterCounter relayed;            ///< datagrams sent on to the other leg
  SingleWriterCounter srtp_decrypted;     ///< SRTP/SRTCP packets authenticated and decrypted
  SingleWriterCounter srtp_encrypted;     ///< RTP/RTCP packets protected towards an SRTP leg
  SingleWriterCounter dropped_auth;       ///< SRTP that failed authentication or replay (tampered)
  SingleWriterCounter dropped_malformed;  ///< too short, not RTP version 2
  SingleWriterCounter dropped_no_peer;    ///< no answered leg to send to yet
  SingleWriterCounter dropped_hold;       ///< the other leg does not want media (hold, 0.0.0.0)
  SingleWriterCounter dropped_source;     ///< from an address other than the latched one
  SingleWriterCounter dropped_protect;    ///< could not protect (key lifetime reached)
  SingleWriterCounter send_errors;        ///< sendto failed
};

/// Field list shared by metrics and the admin route, in one place.
template <class Fn>
void for_each_counter(const RelayCounters &c, Fn fn) {
  fn("packets_received", c.received.get());
  fn("packets_relayed", c.relayed.get());
  fn("srtp_decrypted", c.srtp_decrypted.get());
  fn("srtp_encrypted", c.srtp_encrypted.get());
  fn("dropped_tampered", c.dropped_auth.get());
  fn("dropped_malformed", c.dropped_malformed.get());
  fn("dropped_no_peer", c.dropped_no_peer.get());
  fn("dropped_hold", c.dropped_hold.get());
  fn("dropped_foreign_source", c.dropped_source.get());
  fn("dropped_protect_failed", c.dropped_protect.get());
  fn("send_errors", c.send_errors.get());
}

}  // namespace lineside::media
