// runtime/metrics.cpp: the metrics registry.
#include "runtime/metrics.hpp"

namespace lineside::kernel {

namespace {
std::string sanitise(const std::string &name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(ok ? c : '_');
    }
  }
  return out;
}
}  // namespace

Metrics::Entry &Metrics::entry(const std::string &name, bool gauge) {
  const std::string key = sanitise(name);
  std::lock_guard lock(mutex_);
  auto &slot = entries_[key];
  if (!slot) {
    slot = std::make_unique<Entry>();
    slot->gauge = gauge;
  }
  return *slot;
}

void Metrics::add(const std::string &name, int64_t delta) { entry(name, false).value += delta; }

void Metrics::set(const std::string &name, int64_t value) { entry(name, true).value = value; }

int64_t Metrics::get(const std::string &name) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(sanitise(name));
  return it == entries_.end() ? 0 : it->second->value.load();
}

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto &[name, e] : entries_) {
    const std::string full = e->gauge ? name : name + "_total";
    out += "# TYPE " + full + (e->gauge ? " gauge\n" : " counter\n");
    out += full + " " + std::to_string(e->value.load()) + "\n";
  }
  return out;
}

}  // namespace lineside::kernel
