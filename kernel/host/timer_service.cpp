// host/timer_service.cpp: su_timer-backed one-shot and repeating timers.
#include "host/timer_service.hpp"

#include "runtime/logger.hpp"

namespace lineside::kernel {

struct TimerService::Timer {
  TimerService *owner;
  ls_timer_id_t id;
  uint64_t interval_ms;
  std::function<void(ls_timer_id_t)> fn;
  sofia::TimerPtr timer;
};

TimerService::TimerService(SipLoop &loop) : loop_(loop) {}

TimerService::~TimerService() { timers_.clear(); }

ls_timer_id_t TimerService::start(uint64_t delay_ms, uint64_t interval_ms,
                                  std::function<void(ls_timer_id_t)> fn) {
  auto t = std::make_unique<Timer>();
  t->owner = this;
  t->id = next_id_++;
  t->interval_ms = interval_ms;
  t->fn = std::move(fn);
  t->timer.reset(su_timer_create(su_root_task(loop_.root()), 0));
  if (!t->timer) return 0;
  const auto delay = static_cast<su_duration_t>(delay_ms > 0x7fffffff ? 0x7fffffff : delay_ms);
  if (su_timer_set_interval(t->timer.get(), &TimerService::on_fire,
                            reinterpret_cast<su_timer_arg_t *>(t.get()), delay) != 0) {
    return 0;
  }
  const ls_timer_id_t id = t->id;
  timers_.emplace(id, std::move(t));
  return id;
}

void TimerService::cancel(ls_timer_id_t id) { timers_.erase(id); }

void TimerService::on_fire(su_root_magic_t *, su_timer_t *, su_timer_arg_t *arg) {
  auto *t = reinterpret_cast<Timer *>(arg);
  TimerService *self = t->owner;
  const ls_timer_id_t id = t->id;
  if (t->interval_ms > 0) {
    const auto every = static_cast<su_duration_t>(t->interval_ms > 0x7fffffff ? 0x7fffffff : t->interval_ms);
    su_timer_set_interval(t->timer.get(), &TimerService::on_fire, arg, every);
  }
  auto fn = t->fn;  // the callback may cancel its own timer
  if (t->interval_ms == 0) self->timers_.erase(id);
  try {
    fn(id);
  } catch (...) {
    log_error("kernel", "timer callback threw");
  }
}

}  // namespace lineside::kernel
