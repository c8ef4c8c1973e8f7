// srtp-media/media_engine.hpp: the relay as the SIP thread sees it: N media threads, each call
// owned by one of them, the port pool, totals across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "media_thread.hpp"
#include "port_pool.hpp"
#include "relay_counters.hpp"

namespace lineside::media {

/// Sums of every thread's counters, plus gauges.
struct RelayTotals {
  std::vector<std::pair<std::string, uint64_t>> counters;  ///< for_each_counter's names, summed
  size_t calls = 0;                                        ///< calls the media threads relay
  size_t ports_in_use = 0;   ///< port pairs taken (SIP thread and relay together)
  size_t port_capacity = 0;  ///< port pairs in the range

  /// The summed counter `name` ("packets_relayed"), 0 when unknown.
  [[nodiscard]] uint64_t counter(std::string_view name) const;
};

class MediaEngine {
 public:
  /// `threads` media threads (at least 1) over `pool`.
  MediaEngine(std::shared_ptr<PortPool> pool, unsigned threads);
  ~MediaEngine();
  MediaEngine(const MediaEngine &) = delete;
  MediaEngine &operator=(const MediaEngine &) = delete;

  bool start(std::string &error);
  void stop();

  /// Every media thread under SCHED_FIFO at `priority`, or the normal scheduler with 0 (see
  /// MediaThread::set_realtime_priority). On a refusal the threads keep the normal scheduler and
  /// `error` says why. SIP thread, after start().
  bool set_realtime_priority(int priority, std::string &error);
  /// The priority the media threads run at: 0 = the normal scheduler.
  [[nodiscard]] int realtime_priority() const { return realtime_priority_; }

  /// Send a command to the thread that owns its call.
  void post(RelayCommand command);
  void set_inactivity_timeout_ms(int64_t ms);
  /// Calls every thread reported quiet since the last call.
  std::vector<uint64_t> take_timeouts();

  [[nodiscard]] RelayTotals totals() const;
  /// Every thread's published endpoints (at most MediaThread::kViewEveryMs old).
  [[nodiscard]] std::vector<EndpointView> views() const;
  [[nodiscard]] PortPool &pool() { return *pool_; }
  [[nodiscard]] const std::shared_ptr<PortPool> &shared_pool() const { return pool_; }
  [[nodiscard]] size_t thread_count() const { return threads_.size(); }

 private:
  std::shared_ptr<PortPool> pool_;
  std::vector<std::unique_ptr<MediaThread>> threads_;
  int realtime_priority_ = 0;
};

}  // namespace lineside::media
