// tests/unit/kernel/sip_loop_test.cpp: jobs posted from other threads run on the SIP thread in
// order; worker pool completions come back through the loop; timers fire and cancel.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "host/timer_service.hpp"
#include "runtime/worker_pool.hpp"
#include "sip/sip_loop.hpp"

using namespace lineside::kernel;

namespace {
struct SuInit {
  SuInit() { su_init(); }
  ~SuInit() { su_deinit(); }
};
}  // namespace

TEST_CASE("posted jobs from several threads all run on the SIP thread, each thread's in order") {
  SuInit su;
  SipLoop loop;
  const auto sip_thread = std::this_thread::get_id();
  constexpr int kPerThread = 2000;
  std::vector<int> last(3, -1);
  std::atomic<int> ran{0};
  bool ordered = true, on_sip_thread = true;
  std::vector<std::thread> posters;
  for (int t = 0; t < 3; ++t) {
    posters.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        loop.post([&, t, i] {
          if (std::this_thread::get_id() != sip_thread) on_sip_thread = false;
          if (last[t] != i - 1) ordered = false;
          last[t] = i;
          if (++ran == 3 * kPerThread) loop.stop();
        });
      }
    });
  }
  loop.run();
  for (auto &p : posters) p.join();
  CHECK(ran == 3 * kPerThread);
  CHECK(ordered);
  CHECK(on_sip_thread);
}

TEST_CASE("worker jobs run off the SIP thread and report back through the loop") {
  SuInit su;
  SipLoop loop;
  const auto sip_thread = std::this_thread::get_id();
  std::atomic<int> off_thread{0};
  int done_on_loop = 0;
  {
    WorkerPool pool(2);
    for (int i = 0; i < 50; ++i) {
      pool.submit([&] {
        if (std::this_thread::get_id() != sip_thread) ++off_thread;
        loop.post([&] {
          if (std::this_thread::get_id() == sip_thread && ++done_on_loop == 50) loop.stop();
        });
      });
    }
    loop.run();
  }
  CHECK(off_thread == 50);
  CHECK(done_on_loop == 50);
}

TEST_CASE("timers fire once or repeatedly, and a cancelled timer stays quiet") {
  SuInit su;
  SipLoop loop;
  TimerService timers(loop);
  int once = 0, repeat = 0, cancelled = 0;
  timers.start(10, 0, [&](ls_timer_id_t) { ++once; });
  ls_timer_id_t rep = 0;
  rep = timers.start(5, 5, [&](ls_timer_id_t) {
    if (++repeat == 4) timers.cancel(rep);
  });
  const ls_timer_id_t doomed = timers.start(20, 0, [&](ls_timer_id_t) { ++cancelled; });
  timers.cancel(doomed);
  timers.start(120, 0, [&](ls_timer_id_t) { loop.stop(); });
  loop.run();
  CHECK(once == 1);
  CHECK(repeat == 4);
  CHECK(cancelled == 0);
  CHECK(timers.active() == 0);
}
