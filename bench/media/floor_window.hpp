// bench/media/floor_window.hpp: the floor loops' own accounting: the loop thread's CPU time and
// the datagrams it relayed between the window's two edges, sampled by the loop between rounds.
#pragma once

#include <sys/resource.h>

#include <cstdint>

#include "bench_clock.hpp"
#include "floor_loops.hpp"

namespace lineside::bench {

/// The calling thread's CPU time so far, user and system, in nanoseconds.
inline void thread_cpu_ns(int64_t &user, int64_t &system) {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  user = int64_t{usage.ru_utime.tv_sec} * 1'000'000'000 + int64_t{usage.ru_utime.tv_usec} * 1000;
  system = int64_t{usage.ru_stime.tv_sec} * 1'000'000'000 + int64_t{usage.ru_stime.tv_usec} * 1000;
}

class FloorWindow {
 public:
  explicit FloorWindow(FloorRelay &relay) : relay_(relay) {}

  /// Called after every round with the datagrams it relayed.
  void after_round(uint64_t relayed) {
    total_ += relayed;
    const int64_t now = clock_ns(CLOCK_MONOTONIC);
    if (state_ == State::before && now >= relay_.window_from_ns) {
      state_ = State::inside;
      thread_cpu_ns(user_at_start_, system_at_start_);
      packets_at_start_ = total_;
    } else if (state_ == State::inside && now >= relay_.window_to_ns) {
      state_ = State::after;
      int64_t user = 0, system = 0;
      thread_cpu_ns(user, system);
      relay_.window_user_ns = user - user_at_start_;
      relay_.window_system_ns = system - system_at_start_;
      relay_.window_packets = total_ - packets_at_start_;
    }
  }

 private:
  enum class State { before, inside, after };
  FloorRelay &relay_;
  State state_ = State::before;
  uint64_t total_ = 0;
  uint64_t packets_at_start_ = 0;
  int64_t user_at_start_ = 0;
  int64_t system_at_start_ = 0;
};

}  // namespace lineside::bench
