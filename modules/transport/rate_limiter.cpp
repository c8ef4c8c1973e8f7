// transport/rate_limiter.cpp: per-source-address token buckets for request rate limiting.
#include "rate_limiter.hpp"

#include <algorithm>

namespace lineside::transport {

void RateLimiter::configure(const RateLimitSettings &settings) {
  settings_ = settings;
  settings_.burst = std::max<uint32_t>(1, settings_.burst);
  settings_.max_sources = std::max<uint32_t>(1, settings_.max_sources);
  const int64_t capacity = int64_t{settings_.burst} * 1000;
  for (auto &[source, bucket] : buckets_) bucket.milli_tokens = std::min(bucket.milli_tokens, capacity);
  while (buckets_.size() > settings_.max_sources) {
    buckets_.erase(recency_.back());
    recency_.pop_back();
  }
}

RateLimiter::Bucket &RateLimiter::bucket_for(const std::string &source, int64_t now_ms) {
  auto it = buckets_.find(source);
  if (it != buckets_.end()) {
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return it->second;
  }
  if (buckets_.size() >= settings_.max_sources) {
    buckets_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(source);
  Bucket fresh;
  fresh.milli_tokens = int64_t{settings_.burst} * 1000;
  fresh.refilled_ms = now_ms;
  fresh.recency = recency_.begin();
  return buckets_.emplace(source, fresh).first->second;
}

RateVerdict RateLimiter::admit(const std::string &source, int64_t now_ms) {
  if (!enabled()) return RateVerdict::Allow;
  Bucket &b = bucket_for(source, now_ms);
  const int64_t capacity = int64_t{settings_.burst} * 1000;
  // A full refill never takes longer than `capacity` ms (rate >= 1/s), which also bounds the product.
  const int64_t elapsed = std::clamp<int64_t>(now_ms - b.refilled_ms, 0, capacity);
  // requests_per_second tokens per second = requests_per_second milli-tokens per millisecond.
  b.milli_tokens = std::min(capacity, b.milli_tokens + elapsed * settings_.requests_per_second);
  b.refilled_ms = now_ms;
  if (b.milli_tokens >= 1000) {
    b.milli_tokens -= 1000;
    return RateVerdict::Allow;
  }
  if (!b.warned || now_ms - b.warned_ms >= kWarnIntervalMs) {
    b.warned = true;
    b.warned_ms = now_ms;
    return RateVerdict::DropAndWarn;
  }
  return RateVerdict::Drop;
}

}  // namespace lineside::transport
