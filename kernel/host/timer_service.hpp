// host/timer_service.hpp: module timers on the SIP loop (one su_timer each, ids never reused).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include "lineside/host.h"
#include "sip/sip_loop.hpp"

namespace lineside::kernel {

/// SIP thread only.
class TimerService {
 public:
  explicit TimerService(SipLoop &loop);
  ~TimerService();
  /// Call fn after delay_ms, then every interval_ms when non-zero. Returns 0 on failure.
  ls_timer_id_t start(uint64_t delay_ms, uint64_t interval_ms, std::function<void(ls_timer_id_t)> fn);
  void cancel(ls_timer_id_t id);
  [[nodiscard]] size_t active() const { return timers_.size(); }

 private:
  struct Timer;
  static void on_fire(su_root_magic_t *magic, su_timer_t *t, su_timer_arg_t *arg);
  SipLoop &loop_;
  ls_timer_id_t next_id_ = 1;
  std::unordered_map<ls_timer_id_t, std::unique_ptr<Timer>> timers_;
};

}  // namespace lineside::kernel
