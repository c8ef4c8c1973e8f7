// auth/nonce_count_tracker.cpp: bounded per-nonce nonce-count table.
#include "nonce_count_tracker.hpp"

namespace lineside::auth {

void NonceCountTracker::purge_expired(int64_t now_ms, int64_t lifetime_ms) {
  while (!by_age_.empty()) {
    auto oldest = by_age_.begin();
    if (now_ms - oldest->first.first <= lifetime_ms) break;
    by_nonce_.erase(oldest->first.second);
    by_age_.erase(oldest);
  }
}

void NonceCountTracker::evict_oldest() {
  auto oldest = by_age_.begin();
  if (oldest->first.first > evicted_watermark_ms_) evicted_watermark_ms_ = oldest->first.first;
  by_nonce_.erase(oldest->first.second);
  by_age_.erase(oldest);
}

NonceCountVerdict NonceCountTracker::accept(std::string_view nonce, int64_t issued_ms, uint64_t nc,
                                            int64_t now_ms, int64_t lifetime_ms) {
  purge_expired(now_ms, lifetime_ms);
  std::string key(nonce);
  auto known = by_nonce_.find(key);
  if (known != by_nonce_.end()) {
    uint64_t &highest = by_age_.at(OrderKey{known->second, key});
    if (nc <= highest) return NonceCountVerdict::replayed;
    highest = nc;
    return NonceCountVerdict::accepted;
  }
  if (issued_ms <= evicted_watermark_ms_) return NonceCountVerdict::forgotten;
  while (by_nonce_.size() >= capacity_) evict_oldest();
  by_age_.emplace(OrderKey{issued_ms, key}, nc);
  by_nonce_.emplace(std::move(key), issued_ms);
  return NonceCountVerdict::accepted;
}

uint64_t parse_nonce_count(std::string_view text) {
  if (text.empty() || text.size() > 8) return 0;
  uint64_t value = 0;
  for (char c : text) {
    int digit = 0;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else return 0;
    value = value * 16 + static_cast<uint64_t>(digit);
  }
  return value;
}

}  // namespace lineside::auth
