// calls/call_engine.cpp: caller checks, routing outcomes, ring timers and call lifetimes.
#include "calls/call_engine.hpp"

#include <cstring>

#include "calls/message_relay.hpp"
#include "directory/directory.hpp"
#include "host/providers.hpp"
#include "host/timer_service.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/flow_table.hpp"
#include "sip/sip_loop.hpp"
#include "sip/sip_stack.hpp"

namespace lineside::kernel {

namespace {
constexpr int64_t kLingerAfterCancelMs = 32000;  // 64*T1: a late 200 to a cancelled fork

struct SourceMatch {
  const ls_peer_t *peer;
  bool found = false;
};

int match_source(void *arg, const ls_binding_t *b) {
  auto *m = static_cast<SourceMatch *>(arg);
  if (!b->source_addr || std::strcmp(b->source_addr, m->peer->addr) != 0) return 0;
  if (m->peer->transport != LS_TRANSPORT_UDP && b->flow != m->peer->flow) return 0;
  m->found = true;
  return 1;
}
}  // namespace

CallEngine::CallEngine(SipLoop &loop, SipStack &sip, FlowTable &flows, const Directory &directory,
                       const ProviderRegistry &providers, TimerService &timers, Metrics &metrics,
                       std::string domain, CallSettings settings)
    : loop_(loop), sip_(sip), flows_(flows), directory_(directory), providers_(providers),
      timers_(timers), metrics_(metrics), domain_(std::move(domain)), settings_(settings),
      router_(directory, providers), home_(static_cast<su_home_t *>(su_home_new(sizeof(su_home_t)))) {}

CallEngine::~CallEngine() {
  for (auto &[id, timer] : ring_timers_) timers_.cancel(timer);
  messages_.clear();
  calls_.clear();
}

nta_agent_t *CallEngine::agent() const { return sip_.agent(); }

int64_t CallEngine::now_ms() const {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string CallEngine::contact_for(uint32_t transport) const {
  const ListenerInfo *pick = nullptr;
  for (const auto &l : sip_.listeners()) {
    if (l.transport == transport) {
      pick = &l;
      break;
    }
  }
  if (!pick && !sip_.listeners().empty()) pick = &sip_.listeners().front();
  if (!pick) return "<sip:" + domain_ + ">";
  const bool v6 = pick->address.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + pick->address + "]" : pick->address;
  return "<sip:" + host + ":" + std::to_string(pick->port) + ";transport=" +
         transport_name(pick->transport) + ">";
}

tport_t *CallEngine::flow_tport(ls_flow_id_t flow) const { return flows_.tport(flow); }

bool CallEngine::identify_caller(ls_request &req, CallerIdentity &caller, int &status) {
  const char *user = req.field(LS_FIELD_FROM_USER);
  const Device *device = user ? directory_.by_user(user) : nullptr;
  if (!device && user) device = directory_.by_dn(user);
  if (!device) {
    status = 403;  // an unprovisioned source is never rung through
    return false;
  }
  caller = CallerIdentity{device->id, device->dn, device->display_name};
  const char *authenticated = req.attr("auth.device_id");
  if (authenticated && device->id == authenticated) return true;
  // Not digest-authenticated for this request: it must come from one of the device's bindings.
  const ProviderRegistry::Entry *loc = providers_.find(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION);
  if (loc) {
    const ls_peer_t &peer = req.peer_info();
    SourceMatch m{&peer};
    static_cast<const ls_location_v1_t *>(loc->table)->lookup(loc->self, device->user.c_str(),
                                                              match_source, &m);
    if (m.found) return true;
  }
  status = 403;
  return false;
}

bool CallEngine::take(std::unique_ptr<ls_request> &req) {
  const sip_method_t method = req->sip()->sip_request->rq_method;
  if (req->in_dialog() || (method != sip_method_invite && method != sip_method_message)) return false;
  CallerIdentity caller;
  int status = 0;
  if (!identify_caller(*req, caller, status)) {
    log_notice("calls", std::string("refused ") + req->method_name() + " from " +
                            req->peer_info().addr + ": not a provisioned, registered or authenticated device");
    metrics_.add("lineside_kernel_calls_refused", 1);
    req->reply(static_cast<unsigned>(status));
    return true;
  }
  if (method == sip_method_invite) {
    take_invite(req, std::move(caller));
  } else {
    take_message(req, std::move(caller));
  }
  return true;
}

void CallEngine::take_invite(std::unique_ptr<ls_request> &req, CallerIdentity caller) {
  const char *dialled_c = req->field(LS_FIELD_REQUEST_URI_USER);
  const std::string dialled = dialled_c ? dialled_c : "";
  RouteResult route = router_.route(dialled);
  if (route.outcome != RouteResult::Outcome::targets) {
    const unsigned status = route.outcome == RouteResult::Outcome::unknown_number ? 404 : 480;
    if (route.outcome == RouteResult::Outcome::no_location_service) {
      log_warning("calls", "no lineside.location/1 provider (registrar disabled?): calls cannot be routed");
    }
    req->reply(status);
    metrics_.add("lineside_kernel_calls_unrouted", 1);
    return;
  }
  const uint64_t id = next_id_++;
  auto call = std::make_unique<Call>(*this, id, std::move(req), std::move(caller), dialled);
  Call &ref = *call;
  calls_.emplace(id, std::move(call));
  ring_timers_[id] = timers_.start(static_cast<uint64_t>(settings_.ring_timeout_ms), 0,
                                   [this, id](ls_timer_id_t) {
                                     ring_timers_.erase(id);
                                     if (auto it = calls_.find(id); it != calls_.end()) it->second->ring_timeout();
                                   });
  ref.start(std::move(route.targets));
}

void CallEngine::take_message(std::unique_ptr<ls_request> &req, CallerIdentity caller) {
  const char *dialled_c = req->field(LS_FIELD_REQUEST_URI_USER);
  RouteResult route = router_.route(dialled_c ? dialled_c : "");
  if (route.outcome != RouteResult::Outcome::targets) {
    req->reply(route.outcome == RouteResult::Outcome::unknown_number ? 404 : 480);
    return;
  }
  const uint64_t id = next_id_++;
  auto relay = std::make_unique<MessageRelay>(*this, id, std::move(req), std::move(caller));
  MessageRelay &ref = *relay;
  messages_.emplace(id, std::move(relay));
  ref.start(std::move(route.targets));
}

void CallEngine::call_attempted(Call &call, const CallerIdentity &caller, const std::string &dialled) {
  metrics_.add("lineside_kernel_calls_attempted", 1);
  metrics_.set("lineside_kernel_calls_active", static_cast<int64_t>(calls_.size()));
  log_info("calls", "call " + std::to_string(call.id()) + ": " + caller.dn + " -> " + dialled);
}

void CallEngine::call_ringing(Call &) {}

void CallEngine::call_answered(Call &call, const std::string &, const std::string &dn) {
  if (auto it = ring_timers_.find(call.id()); it != ring_timers_.end()) {
    timers_.cancel(it->second);
    ring_timers_.erase(it);
  }
  metrics_.add("lineside_kernel_calls_answered", 1);
  log_info("calls", "call " + std::to_string(call.id()) + ": answered by " + dn);
}

void CallEngine::call_ended(Call &call, int status, const char *why, bool was_answered) {
  const uint64_t id = call.id();
  if (auto it = ring_timers_.find(id); it != ring_timers_.end()) {
    timers_.cancel(it->second);
    ring_timers_.erase(it);
  }
  log_info("calls", "call " + std::to_string(id) + ": ended (" + std::to_string(status) + ", " + why +
                        (was_answered ? ", was answered)" : ")"));
  destroy_later(id, call.has_cancelled_forks() ? kLingerAfterCancelMs : 0);
}

void CallEngine::destroy_later(uint64_t id, int64_t delay_ms) {
  auto erase = [this, id] {
    calls_.erase(id);
    metrics_.set("lineside_kernel_calls_active", static_cast<int64_t>(calls_.size()));
  };
  if (delay_ms > 0) {
    timers_.start(static_cast<uint64_t>(delay_ms), 0, [erase](ls_timer_id_t) { erase(); });
  } else {
    loop_.post(erase);
  }
}

void CallEngine::message_done(uint64_t id) {
  loop_.post([this, id] { messages_.erase(id); });
}

void CallEngine::stop_all() {
  for (auto &[id, call] : calls_) call->hang_up_all();
}

}  // namespace lineside::kernel
