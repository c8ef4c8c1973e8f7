// auth/failure_throttle.cpp: sliding-window failure counting with bounded memory.
#include "failure_throttle.hpp"

#include <algorithm>

namespace lineside::auth {

FailureThrottle::FailureThrottle(ThrottlePolicy policy, size_t max_sources)
    : policy_(policy), max_sources_(max_sources == 0 ? 1 : max_sources) {
  if (policy_.failures == 0) policy_.failures = 1;
}

void FailureThrottle::set_policy(ThrottlePolicy policy) {
  policy_ = policy;
  if (policy_.failures == 0) policy_.failures = 1;
  for (auto &[source, counter] : counters_) {
    if (counter.times.size() >= policy_.failures) {
      counter.times.erase(counter.times.begin(),
                          counter.times.end() - static_cast<std::ptrdiff_t>(policy_.failures - 1));
    }
  }
}

void FailureThrottle::forget_counter(std::unordered_map<std::string, Counter>::iterator it) {
  recency_.erase(it->second.recency);
  counters_.erase(it);
}

void FailureThrottle::start_block(const std::string &source, int64_t now_ms) {
  if (blocked_.size() >= max_sources_) {
    auto soonest = ends_.begin();
    blocked_.erase(soonest->second);
    ends_.erase(soonest);
  }
  const int64_t until = now_ms + policy_.block_ms;
  auto end_entry = ends_.emplace(until, source);
  blocked_.emplace(source, Block{until, end_entry});
}

bool FailureThrottle::record_failure(std::string_view source_view, int64_t now_ms) {
  std::string source(source_view);
  if (is_blocked(source, now_ms)) return false;
  auto it = counters_.find(source);
  if (it == counters_.end()) {
    if (counters_.size() >= max_sources_) forget_counter(counters_.find(recency_.back()));
    recency_.push_front(source);
    it = counters_.emplace(source, Counter{{}, recency_.begin()}).first;
  } else {
    recency_.splice(recency_.begin(), recency_, it->second.recency);
  }
  auto &times = it->second.times;
  const int64_t oldest_kept = now_ms - policy_.window_ms;
  times.erase(times.begin(), std::find_if(times.begin(), times.end(),
                                          [&](int64_t t) { return t > oldest_kept; }));
  times.push_back(now_ms);
  if (times.size() < policy_.failures) return false;
  forget_counter(it);
  auto stale_block = blocked_.find(source);
  if (stale_block != blocked_.end()) {
    ends_.erase(stale_block->second.by_end);
    blocked_.erase(stale_block);
  }
  start_block(source, now_ms);
  return true;
}

bool FailureThrottle::is_blocked(std::string_view source, int64_t now_ms) const {
  auto it = blocked_.find(std::string(source));
  return it != blocked_.end() && now_ms < it->second.until_ms;
}

std::vector<std::string> FailureThrottle::sweep(int64_t now_ms) {
  std::vector<std::string> released;
  while (!ends_.empty() && ends_.begin()->first <= now_ms) {
    auto ended = ends_.begin();
    released.push_back(ended->second);
    blocked_.erase(ended->second);
    ends_.erase(ended);
  }
  return released;
}

}  // namespace lineside::auth
