// runtime/metrics.hpp: named counters and gauges, readable as Prometheus text.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace lineside::kernel {

/// Thread-safe registry. Names are sanitised to [a-z0-9_]; lookups take a mutex, updates are atomic.
class Metrics {
 public:
  void add(const std::string &name, int64_t delta);
  void set(const std::string &name, int64_t value);
  [[nodiscard]] int64_t get(const std::string &name) const;
  /// Prometheus text exposition (counters end in _total).
  [[nodiscard]] std::string prometheus_text() const;

 private:
  struct Entry {
    bool gauge = false;
    std::atomic<int64_t> value{0};
  };
  Entry &entry(const std::string &name, bool gauge);
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace lineside::kernel
