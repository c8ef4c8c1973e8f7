// tests/unit/routes/route_hook_harness.hpp: drives a module with route hooks through FakeHost
// (which loads only request-stage hooks and has no call services): loads it with a copy of the
// fake host table extended with call_route_to (targets recorded) and request_send (requests
// recorded, completed by the test), and runs its LS_HOOK_ROUTE hooks with an ls_route_args_t.
// Shared by tests/unit/routes and tests/unit/emergency.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lineside/testing/fake_host.hpp"

namespace lineside::test {

/// A target the module handed to call_route_to, its strings copied.
struct RecordedTarget {
  std::string uri;
  uint32_t transport = 0;
  std::optional<std::string> dn;
  uint32_t failover_group = 0;
  uint32_t trunk_number = 0;
  std::optional<std::string> trunk_name, from_user, from_display, asserted_identity, extra_headers;
};

/// A request the module sent with request_send, its strings copied.
struct RecordedRequest {
  std::string method, request_uri, from, to, headers, content_type, body;
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;
  ls_request_done_fn done = nullptr;
  void *arg = nullptr;
};

/// What the extended table functions saw (one recorder per process: tests run one at a time).
struct CallServices {
  std::map<ls_request_t *, std::vector<RecordedTarget>> routed;
  std::vector<RecordedRequest> sent;
  int refuse_route = 0;  ///< > 0: the next call_route_to calls fail
  static CallServices &get() {
    static CallServices s;
    return s;
  }
};

inline std::optional<std::string> copy_c(const char *s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}

inline int recorded_route_to(ls_request_t *req, const ls_route_target_t *targets, uint32_t count) {
  CallServices &s = CallServices::get();
  if (s.refuse_route > 0) {
    --s.refuse_route;
    return -1;
  }
  std::vector<RecordedTarget> out;
  for (uint32_t i = 0; i < count; ++i) {
    const ls_route_target_t &t = targets[i];
    if (t.size < sizeof(ls_route_target_t) || !t.uri) return -1;
    out.push_back({t.uri, t.transport, copy_c(t.dn), t.failover_group, t.trunk_number,
                   copy_c(t.trunk_name), copy_c(t.from_user), copy_c(t.from_display),
                   copy_c(t.asserted_identity), copy_c(t.extra_headers)});
  }
  s.routed[req] = std::move(out);
  return 0;
}

inline int recorded_request_send(ls_module_ctx_t *, const ls_outgoing_request_t *r,
                                 ls_request_done_fn done, void *arg) {
  if (!r || !r->method || !r->request_uri || !r->to) return -1;
  RecordedRequest rec;
  rec.method = r->method;
  rec.request_uri = r->request_uri;
  rec.from = r->from ? r->from : "";
  rec.to = r->to;
  rec.headers = r->headers ? r->headers : "";
  rec.content_type = r->content_type ? r->content_type : "";
  rec.body = r->body ? std::string(r->body, r->body_len) : "";
  rec.transport = r->transport;
  rec.flow = r->flow;
  rec.done = done;
  rec.arg = arg;
  CallServices::get().sent.push_back(std::move(rec));
  return 0;
}

/// The fake host's table plus the call services.
inline const ls_host_t *extended_table() {
  static const ls_host_t table = [] {
    ls_host_t t = *testing::FakeHost::table();
    t.call_route_to = &recorded_route_to;
    t.request_send = &recorded_request_send;
    return t;
  }();
  return &table;
}

/// One module loaded on a FakeHost with the extended table.
class RouteHookHarness {
 public:
  RouteHookHarness() { CallServices::get() = CallServices{}; }
  ~RouteHookHarness() { unload(); }
  RouteHookHarness(const RouteHookHarness &) = delete;
  RouteHookHarness &operator=(const RouteHookHarness &) = delete;

  testing::FakeHost host;

  /// Apply the schema, init and start; false with error() set on failure.
  bool load(const ls_module_descriptor_t &d) {
    descriptor_ = &d;
    error_.clear();
    if (!testing::apply_schema_defaults(host.config(), d.config_fields, d.config_field_count,
                                        &error_, std::string("modules.") + d.name + ".config"))
      return false;
    char err[512] = "";
    if (d.init(extended_table(), host.ctx(), &instance_, err, sizeof err) != 0) {
      error_ = err;
      instance_ = nullptr;
      return false;
    }
    if (d.start && d.start(instance_, err, sizeof err) != 0) {
      error_ = err;
      return false;
    }
    return true;
  }
  [[nodiscard]] const std::string &error() const { return error_; }
  template <class M>
  M &module() {
    return *static_cast<M *>(static_cast<ModuleBase *>(instance_));
  }

  /// Stop and destroy the module (idempotent).
  void unload() {
    if (!instance_) return;
    if (descriptor_->stop) descriptor_->stop(instance_);
    if (descriptor_->destroy) descriptor_->destroy(instance_);
    instance_ = nullptr;
  }

  /// Run the module's route hooks (by priority) for an INVITE `req`; returns the last verdict.
  uint32_t route(testing::FakeRequest &req, const std::string &dialled,
                 const std::string &caller_device, const std::string &caller_dn, bool emergency,
                 uint64_t call_id = 7) {
    host.adopt(req);
    ls_route_args_t a{};
    a.size = sizeof a;
    a.call_id = call_id;
    a.dialled = dialled.c_str();
    a.caller_device_id = caller_device.c_str();
    a.caller_dn = caller_dn.c_str();
    a.emergency = emergency ? 1 : 0;
    const ls_hook_args_t args{sizeof(ls_hook_args_t), LS_HOOK_ROUTE, req.handle(), &a};
    uint32_t verdict = LS_VERDICT_CONTINUE;
    for (uint32_t i = 0; i < descriptor_->hook_count; ++i) {
      const ls_hook_decl_t &h = descriptor_->hooks[i];
      if (h.hook_id != LS_HOOK_ROUTE) continue;
      verdict = h.fn(instance_, &args);
      if (verdict == LS_VERDICT_STOP) break;
    }
    return verdict;
  }

  /// The targets call_route_to got for `req` (empty when none).
  static std::vector<RecordedTarget> targets(testing::FakeRequest &req) {
    auto &routed = CallServices::get().routed;
    auto it = routed.find(req.handle());
    return it == routed.end() ? std::vector<RecordedTarget>{} : it->second;
  }
  static std::vector<RecordedRequest> &sent() { return CallServices::get().sent; }

  /// Deliver an event to the module's observers.
  void emit(uint32_t event_id, const void *payload) {
    for (uint32_t i = 0; i < descriptor_->observer_count; ++i) {
      const ls_observer_decl_t &o = descriptor_->observers[i];
      if (o.event_id == event_id) o.fn(instance_, event_id, payload);
    }
  }

 private:
  const ls_module_descriptor_t *descriptor_ = nullptr;
  void *instance_ = nullptr;
  std::string error_;
};

/// An INVITE from `user` to `dialled`.
inline std::unique_ptr<testing::FakeRequest> make_invite(const std::string &user,
                                                         const std::string &dialled) {
  auto r = std::make_unique<testing::FakeRequest>("INVITE", "sip:" + dialled + "@pbx.test");
  r->from_uri = "sip:" + user + "@pbx.test";
  r->to_uri = "sip:" + dialled + "@pbx.test";
  r->peer.addr = "192.0.2.20";
  r->peer.port = 5062;
  return r;
}

}  // namespace lineside::test
