// auth/failure_throttle.hpp: per-source failed-authentication counting and temporary blocking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lineside::auth {

/// Throttle parameters (times in milliseconds).
struct ThrottlePolicy {
  uint32_t failures = 10;     ///< failures within `window_ms` that start a block
  int64_t window_ms = 60'000; ///< sliding window
  int64_t block_ms = 300'000; ///< block length
};

/// Counts failures per source address in a sliding window and blocks a source that reaches the
/// limit. Memory is bounded: at most `max_sources` sources are counted (least recently failing
/// evicted first) and at most `max_sources` are blocked (the block ending soonest evicted first).
/// A success never clears a source's failures; they only age out. Not thread-safe (SIP thread).
class FailureThrottle {
 public:
  FailureThrottle(ThrottlePolicy policy, size_t max_sources);

  /// New parameters; counts and blocks in progress are kept (a block keeps its end time).
  void set_policy(ThrottlePolicy policy);
  [[nodiscard]] const ThrottlePolicy &policy() const { return policy_; }

  /// Record one failure from `source`. Returns true when this failure starts a block.
  bool record_failure(std::string_view source, int64_t now_ms);
  /// True while `source` is blocked (a block that has run out is not, even before sweep()).
  [[nodiscard]] bool is_blocked(std::string_view source, int64_t now_ms) const;
  /// End every block that has run out; returns the sources released, in end-time order.
  std::vector<std::string> sweep(int64_t now_ms);

  [[nodiscard]] size_t blocked_count() const { return blocked_.size(); }
  [[nodiscard]] size_t tracked_count() const { return counters_.size(); }

 private:
  struct Counter {
    std::vector<int64_t> times;              ///< failure times inside the window, oldest first
    std::list<std::string>::iterator recency; ///< position in recency_
  };
  struct Block {
    int64_t until_ms;
    std::multimap<int64_t, std::string>::iterator by_end; ///< position in ends_
  };

  void forget_counter(std::unordered_map<std::string, Counter>::iterator it);
  void start_block(const std::string &source, int64_t now_ms);

  ThrottlePolicy policy_;
  size_t max_sources_;
  std::unordered_map<std::string, Counter> counters_;
  std::list<std::string> recency_; ///< most recently failing first
  std::unordered_map<std::string, Block> blocked_;
  std::multimap<int64_t, std::string> ends_; ///< block end time -> source
};

}  // namespace lineside::auth
