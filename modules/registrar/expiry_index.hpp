// registrar/expiry_index.hpp: bindings ordered by expiry time, so the expiry tick only touches
// bindings that are due.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lineside::registrar {

/// An ordered set of (expires_at, store key). Not thread-safe (SIP thread).
class ExpiryIndex {
 public:
  void add(int64_t expires_at, const std::string &store_key) { entries_.emplace(expires_at, store_key); }
  void remove(int64_t expires_at, const std::string &store_key) {
    entries_.erase({expires_at, store_key});
  }
  /// Store keys whose expiry is at or before `now`, earliest first.
  [[nodiscard]] std::vector<std::string> due(int64_t now) const {
    std::vector<std::string> out;
    for (auto it = entries_.begin(); it != entries_.end() && it->first <= now; ++it)
      out.push_back(it->second);
    return out;
  }
  [[nodiscard]] size_t size() const { return entries_.size(); }

 private:
  std::set<std::pair<int64_t, std::string>> entries_;
};

}  // namespace lineside::registrar
