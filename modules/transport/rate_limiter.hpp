// transport/rate_limiter.hpp: per-source-address token buckets for request rate limiting, in a
// table bounded by evicting the least recently seen source.
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>

namespace lineside::transport {

/// Rate limit settings (config `rate_limit`).
struct RateLimitSettings {
  uint32_t requests_per_second = 0;  ///< 0 = off
  uint32_t burst = 50;               ///< bucket size: requests allowed back to back
  uint32_t max_sources = 10000;      ///< most source addresses tracked at once

  bool operator==(const RateLimitSettings &) const = default;
};

/// What to do with one request.
enum class RateVerdict {
  Allow,
  Drop,         ///< over the limit
  DropAndWarn,  ///< over the limit, and this source has not been warned about for a minute
};

/// Token buckets keyed by source address. Integer arithmetic in milli-tokens. SIP thread only.
class RateLimiter {
 public:
  /// Minimum time between two warnings about one source.
  static constexpr int64_t kWarnIntervalMs = 60'000;

  void configure(const RateLimitSettings &settings);
  [[nodiscard]] const RateLimitSettings &settings() const { return settings_; }
  [[nodiscard]] bool enabled() const { return settings_.requests_per_second > 0; }

  /// Account one request from `source` at monotonic time `now_ms`.
  RateVerdict admit(const std::string &source, int64_t now_ms);

  /// Sources currently tracked.
  [[nodiscard]] size_t tracked() const { return buckets_.size(); }

 private:
  struct Bucket {
    int64_t milli_tokens = 0;
    int64_t refilled_ms = 0;
    int64_t warned_ms = 0;
    bool warned = false;
    std::list<std::string>::iterator recency;
  };
  Bucket &bucket_for(const std::string &source, int64_t now_ms);

  RateLimitSettings settings_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> recency_;  ///< most recently seen first
};

}  // namespace lineside::transport
