// srtp-media/srtp_media_admin.cpp: the relay's state as metrics, as GET /api/v1/media and, per
// call and leg, as GET /api/v1/media/calls.
#include <algorithm>
#include <cstring>
#include <tuple>

#include "srtp_media_module.hpp"

namespace lineside::media {
namespace {

constexpr const char *kCallsPath = "/api/v1/media/calls";

std::string address_json(const SocketAddress &a) {
  return a.empty() ? "null" : "\"" + a.text() + "\"";
}

const char *yes(bool b) {
  return b ? "true" : "false";
}

/// {"call_id":..,"legs":[..]} for each call, endpoints grouped by call and ordered by leg.
std::string calls_json(std::vector<EndpointView> views) {
  std::sort(views.begin(), views.end(), [](const EndpointView &a, const EndpointView &b) {
    return std::tie(a.call_id, a.leg, a.stream) < std::tie(b.call_id, b.leg, b.stream);
  });
  std::string body =
      "{\"refreshed_every_ms\":" + std::to_string(MediaThread::kViewEveryMs) + ",\"calls\":[";
  for (size_t i = 0; i < views.size(); ++i) {
    const EndpointView &v = views[i];
    const bool first_of_call = i == 0 || views[i - 1].call_id != v.call_id;
    if (first_of_call) {
      body += (i ? "]}," : "") + std::string("{\"call_id\":") + std::to_string(v.call_id) +
              ",\"legs\":[";
    } else {
      body += ",";
    }
    body += std::string("{\"leg\":\"") + (v.leg == kCallerLeg ? "caller" : "callee") + "\"";
    if (v.leg != kCallerLeg) body += ",\"fork\":" + std::to_string(v.leg - 1);
    body += ",\"stream\":" + std::to_string(v.stream) +
            ",\"relay_port\":" + std::to_string(v.relay_port) + ",\"srtp_in\":" + yes(v.srtp_in) +
            ",\"srtp_out\":" + yes(v.srtp_out) + ",\"signalled\":" + address_json(v.signalled) +
            ",\"latched\":" + (v.latched ? address_json(v.current) : std::string("null")) +
            ",\"sending_to_leg\":" + yes(v.sending_to_leg) +
            ",\"packets_in\":" + std::to_string(v.packets_in) +
            ",\"packets_out\":" + std::to_string(v.packets_out) +
            ",\"idle_ms\":" + std::to_string(v.idle_ms) + "}";
  }
  body += views.empty() ? "]}" : "]}]}";
  return body;
}

}  // namespace

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

void SrtpMediaModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  const ls_host_t *h = host().raw();
  const char *path = req && req->path ? req->path : kMediaAdminPath;
  if (std::strcmp(path, kCallsPath) == 0) {
    const std::string body = calls_json(engine_->views());
    h->admin_reply(reply, 200, nullptr, body.data(), body.size());
    return;
  }
  if (std::strcmp(path, kMediaAdminPath) != 0) {
    const std::string body = "{\"error\":\"no such media resource (try /api/v1/media/calls)\"}";
    h->admin_reply(reply, 404, nullptr, body.data(), body.size());
    return;
  }
  const RelayTotals t = engine_->totals();
  std::string body = "{\"calls\":" + std::to_string(calls_.size()) +
                     ",\"relayed_calls\":" + std::to_string(t.calls) +
                     ",\"ports_in_use\":" + std::to_string(t.ports_in_use) +
                     ",\"port_capacity\":" + std::to_string(t.port_capacity) +
                     ",\"media_threads\":" + std::to_string(engine_->thread_count()) +
                     ",\"realtime_priority\":" + std::to_string(engine_->realtime_priority()) +
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
