// srtp-media/media_engine.cpp: starting the media threads, routing commands, adding up counters.
#include "media_engine.hpp"

namespace lineside::media {

MediaEngine::MediaEngine(std::shared_ptr<PortPool> pool, unsigned threads)
    : pool_(std::move(pool)) {
  for (unsigned i = 0; i < (threads ? threads : 1); ++i) {
    threads_.push_back(std::make_unique<MediaThread>(i));
  }
}

MediaEngine::~MediaEngine() {
  stop();
}

bool MediaEngine::start(std::string &error) {
  for (auto &t : threads_) {
    if (!t->start(error)) {
      stop();
      return false;
    }
  }
  return true;
}

void MediaEngine::stop() {
  for (auto &t : threads_) t->stop();
}

bool MediaEngine::set_realtime_priority(int priority, std::string &error) {
  for (auto &t : threads_) {
    if (!t->set_realtime_priority(priority, error)) {
      std::string ignored;
      for (auto &u : threads_) u->set_realtime_priority(0, ignored);  // all alike: none realtime
      realtime_priority_ = 0;
      return false;
    }
  }
  realtime_priority_ = priority;
  return true;
}

void MediaEngine::post(RelayCommand command) {
  threads_[command.call_id % threads_.size()]->post(std::move(command));
}

void MediaEngine::set_inactivity_timeout_ms(int64_t ms) {
  for (auto &t : threads_) t->set_inactivity_timeout_ms(ms);
}

std::vector<uint64_t> MediaEngine::take_timeouts() {
  std::vector<uint64_t> all;
  for (auto &t : threads_) {
    auto some = t->take_timeouts();
    all.insert(all.end(), some.begin(), some.end());
  }
  return all;
}

std::vector<EndpointView> MediaEngine::views() const {
  std::vector<EndpointView> all;
  for (const auto &t : threads_) {
    auto some = t->views();
    all.insert(all.end(), some.begin(), some.end());
  }
  return all;
}

uint64_t RelayTotals::counter(std::string_view name) const {
  for (const auto &[n, v] : counters) {
    if (n == name) return v;
  }
  return 0;
}

RelayTotals MediaEngine::totals() const {
  RelayTotals t;
  for (const auto &th : threads_) {
    size_t i = 0;
    for_each_counter(th->counters(), [&t, &i](const char *name, uint64_t value) {
      if (t.counters.size() <= i) t.counters.emplace_back(name, 0);
      t.counters[i++].second += value;
    });
    t.calls += th->calls();
  }
  t.ports_in_use = pool_->in_use();
  t.port_capacity = pool_->capacity();
  return t;
}

}  // namespace lineside::media
