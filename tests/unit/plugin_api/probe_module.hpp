// probe_module.hpp: ProbeModule, a small plugin.hpp module whose hooks, observers and timers record
// what happened, used to test the C++ wrapper and the fake host together.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"

namespace probe {

/// A polymorphic base placed before ModuleBase so ModuleBase is not at offset 0 in ProbeModule:
/// proves the wrapper converts the instance pointer through ModuleBase.
struct Journal {
  virtual ~Journal() = default;
  std::vector<std::string> order;  ///< names of hooks/timers/observers in the order they ran
};

/// The module under test. Config: see fields() below.
class ProbeModule : public Journal, public lineside::ModuleBase {
 public:
  explicit ProbeModule(lineside::Host host) : ModuleBase(host) {
    const lineside::Config cfg = host.config();
    if (cfg.boolean("fail_init").value_or(false)) {
      host.config_error(cfg, "fail_init", "refusing to start on request");
      throw std::runtime_error("probe: fail_init is set");
    }
    tick_ms = cfg.duration_ms("tick").value_or(0);
    algorithms = cfg.strings("algorithms");
    limit = cfg.integer("limit").value_or(0);
    greeting = cfg.string_or("greeting", "");
  }

  ~ProbeModule() override { ++destroyed; }

  void stop() override { ++stops; }

  void start() override {
    ticker = host().raw()->timer_start(host().ctx(), static_cast<uint64_t>(tick_ms),
                                       static_cast<uint64_t>(tick_ms), &on_tick, this);
    host().raw()->timer_start(host().ctx(), 2500, 0, &on_once, this);
  }

  /// REQUEST_RECEIVED, priority 100, every method: counts.
  uint32_t count(lineside::Request &req) {
    order.push_back("count");
    host().metric_add(("requests_" + std::string(req.method())).c_str());
    return LS_VERDICT_CONTINUE;
  }
  /// REQUEST_RECEIVED, priority 10 (declared after count): runs first.
  uint32_t first(lineside::Request &) {
    order.push_back("first");
    return LS_VERDICT_CONTINUE;
  }
  /// REQUEST for OPTIONS: 200 with the greeting.
  uint32_t options(lineside::Request &req) {
    order.push_back("options");
    req.respond(200, "OK", {{"X-Greeting", greeting}});
    return LS_VERDICT_STOP;
  }
  /// REQUEST for MESSAGE: throws a std::exception.
  uint32_t boom(lineside::Request &) {
    order.push_back("boom");
    throw std::runtime_error("kaboom");
  }
  /// REQUEST for INFO: throws something that is not a std::exception.
  uint32_t boom_unknown(lineside::Request &) {
    order.push_back("boom_unknown");
    throw 42;
  }
  /// REQUEST for REGISTER and SUBSCRIBE: suspends, stores, answers when the write is durable.
  uint32_t store_then_answer(lineside::Request &req) {
    order.push_back("store_then_answer");
    auto *p = new Pending{this, req.suspend(), std::string(req.field(LS_FIELD_TO_USER))};
    const std::string value = std::string(req.field(LS_FIELD_CALL_ID));
    host().raw()->store_put(host().ctx(), "bindings", p->user.c_str(), value.data(), value.size(),
                            &on_stored, p);
    return LS_VERDICT_ASYNC;
  }

  /// Observer for LS_EVENT_FLOW_CLOSED.
  void flow_closed(uint32_t, const void *payload) {
    const auto *e = static_cast<const ls_flow_event_t *>(payload);
    order.push_back("flow_closed");
    closed_flows.push_back(e->flow);
  }
  /// Observer for LS_EVENT_REGISTRATION: throws, to prove the observer barrier.
  void registration(uint32_t, const void *) {
    order.push_back("registration");
    throw std::runtime_error("observer failed");
  }

  int64_t tick_ms = 0;
  int64_t limit = 0;
  std::string greeting;
  std::vector<std::string> algorithms;
  std::vector<ls_flow_id_t> closed_flows;
  ls_timer_id_t ticker = 0;
  int ticks = 0;
  int once = 0;
  static inline int stops = 0;      ///< stop() calls, process-wide
  static inline int destroyed = 0;  ///< instances deleted, process-wide

 private:
  struct Pending {
    ProbeModule *self;
    ls_token_t token;
    std::string user;
  };
  static void on_stored(void *arg, int status) {
    auto *p = static_cast<Pending *>(arg);
    const lineside::Host &host = p->self->host();
    if (ls_request_t *raw = host.raw()->request_from_token(host.ctx(), p->token)) {
      lineside::Request req(host, raw);
      req.respond(status == 0 ? 200 : 500);
      host.raw()->request_resume(host.ctx(), p->token, LS_VERDICT_STOP);
    }
    delete p;
  }
  static void on_tick(void *arg, ls_timer_id_t) {
    auto *self = static_cast<ProbeModule *>(arg);
    self->order.push_back("tick");
    ++self->ticks;
  }
  static void on_once(void *arg, ls_timer_id_t) {
    auto *self = static_cast<ProbeModule *>(arg);
    self->order.push_back("once");
    ++self->once;
  }
};

/// The probe's config schema.
inline const ls_config_field_t *fields(uint32_t *count) {
  static const ls_config_field_t route_fields[] = {
      {sizeof(ls_config_field_t), LS_CFG_STRING, "prefix", nullptr, "dialled prefix", LS_CFG_REQUIRED, 0, 0, 0, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_ENUM, "transport", "udp", "transport", 0, 0, 0, 0, "udp|tcp|tls", nullptr},
  };
  static const ls_config_field_t f[] = {
      {sizeof(ls_config_field_t), LS_CFG_BOOL, "fail_init", "no", "fail init", 0, 0, 0, 0, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_DURATION, "tick", "1s", "tick period", 0, 0, 10, 3'600'000, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "algorithms", "[SHA-256, MD5]", "digest algorithms", 0, 0, 0, 0, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_INT, "limit", "10", "a limit", 0, 0, 1, 100, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_STRING, "greeting", "hello", "greeting", 0, 0, 0, 0, nullptr, nullptr},
      {sizeof(ls_config_field_t), LS_CFG_MAP_LIST, "routes", nullptr, "routes", 0, 2, 0, 0, nullptr, route_fields},
      {sizeof(ls_config_field_t), LS_CFG_MAP, "db", nullptr, "database", 0, 0, 0, 0, nullptr, nullptr},
  };
  *count = lineside::count_of(f);
  return f;
}

/// The probe's descriptor (built once).
inline const ls_module_descriptor_t &descriptor() {
  using M = ProbeModule;
  static const ls_hook_decl_t hooks[] = {
      lineside::hook<M, &M::count>(LS_HOOK_REQUEST_RECEIVED, "count", 100),
      lineside::hook<M, &M::first>(LS_HOOK_REQUEST_RECEIVED, "first", 10),
      lineside::hook<M, &M::options>(LS_HOOK_REQUEST, "options", 500, "OPTIONS"),
      lineside::hook<M, &M::boom>(LS_HOOK_REQUEST, "boom", 400, "MESSAGE"),
      lineside::hook<M, &M::boom_unknown>(LS_HOOK_REQUEST, "boom_unknown", 400, "INFO"),
      lineside::hook<M, &M::store_then_answer>(LS_HOOK_REQUEST, "store_then_answer", 500,
                                               "REGISTER, SUBSCRIBE"),
  };
  static const ls_observer_decl_t observers[] = {
      lineside::observer<M, &M::flow_closed>(LS_EVENT_FLOW_CLOSED),
      lineside::observer<M, &M::registration>(LS_EVENT_REGISTRATION),
  };
  static const ls_module_descriptor_t d = [] {
    ls_module_descriptor_t x{};
    x.size = sizeof x;
    x.abi_major = LS_ABI_MAJOR;
    x.abi_minor = LS_ABI_MINOR;
    x.name = "probe";
    x.version = "1.0";
    x.summary = "records what the host makes it do";
    x.config_fields = fields(&x.config_field_count);
    x.hooks = hooks;
    x.hook_count = lineside::count_of(hooks);
    x.observers = observers;
    x.observer_count = lineside::count_of(observers);
    lineside::bind_lifecycle<M>(x, false);
    return x;
  }();
  return d;
}

}  // namespace probe
