// srtp-media/srtp_media_admin.cpp: the relay's state as metrics and as GET /api/v1/media.
#include "srtp_media_module.hpp"

namespace lineside::media {

void SrtpMediaModule::publish_metrics() {
  const RelayTotals t = engine_->totals();
  for (const auto &[name, value] : t.counters) {
    uint64_t &seen = published_[name];
    if (value > seen) host().metric_add(name.c_str(), static_cast<int64_t>(value - seen));
    seen = value;
  }
  host().metric_set("calls", static_cast<int64_t>(calls_.size()));
  host().metric_set("relayed_calls", static_cast<int64_t>(t.calls));
  host().metric_set("ports_in_use", static_cast<int64_t>(t.ports_in_use));
}

void SrtpMediaModule::admin_get(const ls_admin_request_t *, ls_admin_reply_t *reply) {
  const RelayTotals t = engine_->totals();
  std::string body = "{\"calls\":" + std::to_string(calls_.size()) +
                     ",\"relayed_calls\":" + std::to_string(t.calls) +
                     ",\"ports_in_use\":" + std::to_string(t.ports_in_use) +
                     ",\"port_capacity\":" + std::to_string(t.port_capacity) +
                     ",\"media_threads\":" + std::to_string(engine_->thread_count()) +
                     ",\"bind_address\":\"" + settings_.bind_address + "\"";
  body += ",\"counters\":{";
  bool first = true;
  for (const auto &[name, value] : t.counters) {
    body += (first ? "\"" : ",\"") + name + "\":" + std::to_string(value);
    first = false;
  }
  body += "}}";
  host().raw()->admin_reply(reply, 200, nullptr, body.data(), body.size());
}

}  // namespace lineside::media
