// bench/media/media_traffic.hpp: the benchmark's media: every call's phone A sends SRTP and phone B
// plain RTP, 20 ms G.711 packets spread evenly over the 20 ms, each stamped with its send time; one
// busy-polling thread sends on schedule and reads both sockets in between, taking the kernel's
// arrival time, decrypting A's side, counting and timing every packet.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "call_plan.hpp"
#include "core/srtp_stream.hpp"
#include "udp_socket.hpp"

namespace lineside::bench {

/// One-way delays in 10 us buckets up to 100 ms (the last bucket holds everything above).
class DelayHistogram {
 public:
  void add(int64_t ns);
  void merge(const DelayHistogram &other);
  /// The delay in microseconds below which `fraction` of the samples lie.
  [[nodiscard]] double percentile_us(double fraction) const;
  [[nodiscard]] uint64_t count() const { return count_; }
  [[nodiscard]] double max_us() const { return static_cast<double>(max_ns_) / 1000.0; }

 private:
  static constexpr size_t kBuckets = 10001;
  std::vector<uint64_t> buckets_ = std::vector<uint64_t>(kBuckets, 0);
  uint64_t count_ = 0;
  int64_t max_ns_ = 0;
};

struct DirectionResult {
  uint64_t sent = 0;            ///< over the whole run
  uint64_t received = 0;        ///< over the whole run, after a drain
  uint64_t undecodable = 0;     ///< unknown SSRC or SRTP that did not authenticate
  uint64_t sent_in_window = 0;  ///< during the measurement window
  DelayHistogram delays;        ///< packets sent during the window
  /// RFC 3550 interarrival jitter (6.4.1: J += (|D| - J) / 16 over the transit-time differences of
  /// consecutive packets) of each call's stream at the end of the run, over window packets: the
  /// mean over the calls and the largest one, in microseconds.
  double jitter_mean_us = 0;
  double jitter_max_us = 0;
};

struct TrafficResult {
  DirectionResult a_to_b;
  DirectionResult b_to_a;
  DelayHistogram send_lateness;  ///< how late the tool sent each window packet (its own overload)
  double window_s = 0;
};

class MediaTraffic {
 public:
  /// `a` and `b` are the phones' media sockets (every call shares them; calls differ by SSRC).
  /// Throws when an SRTP context cannot be made.
  MediaTraffic(const std::vector<CallPlan> &plans, const UdpSocket &a, const UdpSocket &b);
  ~MediaTraffic();

  /// Send for warmup_s + seconds; `window_start` / `window_end` run at the edges of the
  /// measurement window (the caller reads the relay's CPU time there).
  TrafficResult run(double warmup_s, double seconds, const std::function<void()> &window_start,
                    const std::function<void()> &window_end);

 private:
  struct Phone;
  void send_loop(double total_s, double warmup_s, const std::function<void()> &window_start,
                 const std::function<void()> &window_end, TrafficResult &result);
  /// Read what is queued on `phone`'s socket (never blocks); packets read.
  size_t receive_some(Phone &phone, DirectionResult &result);
  /// The jitter figures of `result` from what `receiver` measured per call.
  static void summarize_jitter(const Phone &receiver, DirectionResult &result);

  const std::vector<CallPlan> &plans_;
  std::unique_ptr<Phone> a_;
  std::unique_ptr<Phone> b_;
};

}  // namespace lineside::bench
