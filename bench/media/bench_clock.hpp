// bench/media/bench_clock.hpp: a clock's reading in nanoseconds, shared by the load tool and the
// floor tool.
#pragma once

#include <time.h>

#include <cstdint>

namespace lineside::bench {

/// `clock` (CLOCK_MONOTONIC, CLOCK_REALTIME...) now, in nanoseconds.
inline int64_t clock_ns(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace lineside::bench
