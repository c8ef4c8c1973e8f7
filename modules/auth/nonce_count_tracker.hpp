// auth/nonce_count_tracker.hpp: replay protection: the highest nonce-count accepted per live nonce.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace lineside::auth {

/// Verdict on a (nonce, nc) pair whose response was correct.
enum class NonceCountVerdict {
  accepted, ///< nc is above every nc accepted before for this nonce; now recorded
  replayed, ///< nc is not above the last accepted one
  forgotten ///< the nonce is older than entries evicted to bound memory: ask for a fresh nonce
};

/// Remembers, per nonce, the highest nc accepted. Entries are ordered by the nonce's issue time;
/// they are dropped once the nonce expires, and when the table is full the oldest are evicted.
/// Eviction raises a watermark: an unknown nonce issued at or before it may have been evicted, so
/// it is `forgotten` (never silently accepted twice). Not thread-safe (SIP thread only).
class NonceCountTracker {
 public:
  explicit NonceCountTracker(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// Record `nc` for `nonce` (issued at `issued_ms`) unless it is a replay. Expired entries are
  /// purged first using `now_ms` and `lifetime_ms`.
  NonceCountVerdict accept(std::string_view nonce, int64_t issued_ms, uint64_t nc, int64_t now_ms,
                           int64_t lifetime_ms);
  /// Drop entries whose nonce is older than lifetime_ms.
  void purge_expired(int64_t now_ms, int64_t lifetime_ms);

  [[nodiscard]] size_t size() const { return by_nonce_.size(); }
  [[nodiscard]] size_t capacity() const { return capacity_; }

 private:
  using OrderKey = std::pair<int64_t, std::string>; // (issued_ms, nonce)
  void evict_oldest();

  size_t capacity_;
  std::map<OrderKey, uint64_t> by_age_;                  // -> highest accepted nc
  std::unordered_map<std::string, int64_t> by_nonce_;    // nonce -> issued_ms
  int64_t evicted_watermark_ms_ = INT64_MIN;
};

/// Parse an nc value: 1 to 8 hex digits, not zero. Returns 0 when invalid.
[[nodiscard]] uint64_t parse_nonce_count(std::string_view text);

}  // namespace lineside::auth
