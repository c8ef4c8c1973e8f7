// calls/call_engine.cpp: caller checks, routing outcomes, ring timers and call lifetimes.
#include "calls/call_engine.hpp"

#include <cstring>

#include "calls/call_status.hpp"
#include "calls/message_relay.hpp"
#include "host/event_bus.hpp"
#include "host/hook_chains.hpp"
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
                       const ProviderRegistry &providers, const HookChains &chains,
                       const EventBus &events, TimerService &timers, Metrics &metrics,
                       std::string domain, CallSettings settings)
    : loop_(loop), sip_(sip), flows_(flows), directory_(directory), providers_(providers),
      chains_(chains), events_(events), timers_(timers), metrics_(metrics), domain_(std::move(domain)), settings_(settings),
      router_(directory, providers), home_(static_cast<su_home_t *>(su_home_new(sizeof(su_home_t)))) {}

CallEngine::~CallEngine() {
  for (auto &[id, timer] : ring_timers_) timers_.cancel(timer);
  for (auto &[id, timer] : session_timers_) timers_.cancel(timer);
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
  // Digest proves the caller only for a device that has authentication on (the auth module also
  // names auth-off devices in auth.device_id, without any proof).
  const char *authenticated = req.attr("auth.device_id");
  if (device->auth_enabled && authenticated && device->id == authenticated) return true;
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
  const char *ruri_user = req->field(LS_FIELD_REQUEST_URI_USER);
  if (method == sip_method_invite && ruri_user && is_emergency_number(ruri_user)) {
    take_emergency_invite(req);
    return true;
  }
  if (!identify_caller(*req, caller, status)) {
    log_notice("calls", std::string("refused ") + req->method_name() + " from " +
                            req->peer_info().addr + ": not a provisioned, registered or authenticated device");
    metrics_.add("lineside_kernel_calls_refused", 1);
    req->reply(static_cast<unsigned>(status));
    return true;
  }
  if (method == sip_method_invite && req->sip()->sip_replaces) {
    take_replacing_invite(req, std::move(caller));
  } else if (method == sip_method_invite) {
    take_invite(req, std::move(caller), false);
  } else {
    take_message(req, std::move(caller));
  }
  return true;
}

bool CallEngine::route_invite(ls_request &req, uint64_t id, const CallerIdentity &caller,
                              const std::string &dialled, bool emergency, RouteResult &result) {
  if (!chains_.chain(LS_HOOK_ROUTE).empty()) {
    ls_route_args_t args{sizeof(ls_route_args_t), 0, id, dialled.c_str(), caller.device_id.c_str(),
                         caller.dn.c_str(), emergency ? 1u : 0u, 0};
    req.open_routing(true);
    const uint32_t verdict = run_decision_chain(chains_, LS_HOOK_ROUTE, &req, &args, "INVITE");
    req.open_routing(false);
    if (req.answered()) return false;  // a module refused the call itself
    if (verdict == LS_VERDICT_STOP) {
      for (const RouteTargetSpec &spec : req.route_targets()) {
        CallTarget t;
        t.device_id = spec.device_id;
        t.dn = spec.dn.empty() ? dialled : spec.dn;
        t.contact_uri = spec.uri;
        t.next_hop = spec.next_hop;
        t.transport = spec.transport ? spec.transport : LS_TRANSPORT_UDP;
        t.is_device = false;
        t.failover_group = spec.failover_group;
        t.trunk_number = spec.trunk_number;
        t.trunk_name = spec.trunk_name;
        t.from_user = spec.from_user;
        t.from_display = spec.from_display;
        t.has_asserted_identity = spec.has_asserted_identity;
        t.asserted_identity = spec.asserted_identity;
        t.extra_headers = spec.extra_headers;
        result.targets.push_back(std::move(t));
      }
      if (result.targets.empty()) {
        log_error("calls", "a route hook returned STOP without targets or an answer; answering 503");
        req.reply(503, nullptr, "Reason: Q.850;cause=" + std::to_string(q850_cause_for(503)));
        return false;
      }
      result.outcome = RouteResult::Outcome::targets;
      return true;
    }
  }
  result = router_.route(dialled);
  if (result.outcome == RouteResult::Outcome::targets) return true;
  if (result.outcome == RouteResult::Outcome::no_location_service) {
    log_warning("calls", "no lineside.location/1 provider (registrar disabled?): calls cannot be routed");
  }
  const bool unknown = result.outcome == RouteResult::Outcome::unknown_number;
  const unsigned status = unknown ? 404 : 480;
  req.reply(status, nullptr,
            "Reason: Q.850;cause=" + std::to_string(q850_cause_for(static_cast<int>(status), !unknown)));
  metrics_.add("lineside_kernel_calls_unrouted", 1);
  return false;
}

void CallEngine::take_invite(std::unique_ptr<ls_request> &req, CallerIdentity caller, bool emergency) {
  const char *dialled_c = req->field(LS_FIELD_REQUEST_URI_USER);
  const std::string dialled = dialled_c ? dialled_c : "";
  // Forward always is followed before anything rings (bounded: forward loops end here); an
  // emergency number is never forwarded.
  std::vector<DiversionHop> hops;
  std::string dn = dialled;
  while (!emergency && hops.size() < kMaxForwardHops) {
    const Device *owner = directory_.by_dn(dn);
    if (!owner || owner->forward.always.empty() || owner->forward.always == dn) break;
    hops.push_back(DiversionHop{dn, DivertReason::unconditional});
    dn = owner->forward.always;
  }
  const uint64_t id = next_id_++;
  RouteResult route;
  if (!route_invite(*req, id, caller, dn, emergency, route)) {
    refused_call_event(id, caller, dialled, req->final_status(), emergency);
    if (emergency) {
      log_error("calls", "EMERGENCY call to " + dialled + " from " + caller.dn +
                                " could not be routed: no emergency route answered it (is the emergency module "
                                "enabled with a route?)");
    }
    return;
  }
  auto call = std::make_unique<Call>(*this, id, std::move(req), std::move(caller), dialled, dn,
                                     std::move(hops));
  Call &ref = *call;
  ref.set_emergency(emergency);
  calls_.emplace(id, std::move(call));
  arm_ring_timer(id, dn);
  ref.start(std::move(route.targets));
}

void CallEngine::arm_ring_timer(uint64_t id, const std::string &dn) {
  if (auto it = ring_timers_.find(id); it != ring_timers_.end()) timers_.cancel(it->second);
  int64_t ms = settings_.ring_timeout_ms;
  const Device *owner = directory_.by_dn(dn);
  if (owner && !owner->forward.no_answer.empty()) {
    ms = static_cast<int64_t>(owner->forward.no_answer_timeout_s) * 1000;
  }
  ring_timers_[id] = timers_.start(static_cast<uint64_t>(ms), 0, [this, id](ls_timer_id_t) {
    ring_timers_.erase(id);
    if (auto it = calls_.find(id); it != calls_.end()) it->second->ring_timeout();
  });
}

bool CallEngine::forward(Call &call, const std::string &target_dn, DivertReason reason) {
  if (target_dn.empty() || target_dn == call.current_dn() || call.forward_hops() >= kMaxForwardHops) {
    return false;
  }
  RouteResult route = router_.route(target_dn);
  if (route.outcome != RouteResult::Outcome::targets) {
    log_notice("calls", "call " + std::to_string(call.id()) + ": forward target " + target_dn +
                            " cannot be rung");
    return false;
  }
  metrics_.add("lineside_kernel_calls_forwarded", 1);
  arm_ring_timer(call.id(), target_dn);
  call.redirect(target_dn, reason, std::move(route.targets));
  return true;
}

bool CallEngine::display_update_allowed(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return !device || directory_.profile_for(*device).allow_display_update;
}

std::string CallEngine::display_name_of(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return device ? device->display_name : std::string();
}

bool CallEngine::pai_allowed(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return !device || directory_.profile_for(*device).use_pai;
}

bool CallEngine::prack_allowed(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return !device || directory_.profile_for(*device).enable_prack;
}

void CallEngine::arm_session_timer(uint64_t id, unsigned long interval_s) {
  if (auto it = session_timers_.find(id); it != session_timers_.end()) timers_.cancel(it->second);
  session_timers_[id] = timers_.start(static_cast<uint64_t>(interval_s) * 1000, 0, [this, id](ls_timer_id_t) {
    session_timers_.erase(id);
    if (auto it = calls_.find(id); it != calls_.end()) it->second->session_expired();
  });
}

bool CallEngine::forward_on_failure(Call &call, int status) {
  if (status != 486) return false;
  const Device *owner = directory_.by_dn(call.current_dn());
  return owner && forward(call, owner->forward.busy, DivertReason::user_busy);
}

bool CallEngine::forward_on_no_answer(Call &call) {
  const Device *owner = directory_.by_dn(call.current_dn());
  return owner && forward(call, owner->forward.no_answer, DivertReason::no_answer);
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

bool CallEngine::offer_in_dialog(Call &call, bool from_caller, nta_incoming_t *irq, sip_t const *sip) {
  if (chains_.chain(LS_HOOK_IN_DIALOG).empty()) return false;
  sofia::MsgRef msg(nta_incoming_getrequest(irq));
  if (!msg) return false;
  auto req = std::make_unique<ls_request>(std::move(msg), const_cast<sip_t *>(sip), agent(), flows_);
  req->adopt_transaction(irq);
  ls_in_dialog_args_t args{sizeof(ls_in_dialog_args_t), from_caller ? LS_LEG_CALLER : LS_LEG_CALLEE,
                           call.id()};
  const uint32_t verdict =
      run_decision_chain(chains_, LS_HOOK_IN_DIALOG, req.get(), &args, req->method_name());
  if (req->answered()) return true;  // the request (and its transaction) end with `req`
  if (verdict == LS_VERDICT_STOP) {
    log_error("calls", "an in-dialog hook returned STOP without answering; relaying instead");
  }
  req->release_transaction();
  return false;
}

SdpOutcome CallEngine::filter_sdp(const SdpContext &ctx, std::string_view body) {
  SdpOutcome out = lineside::kernel::filter_sdp(chains_, ctx, body);
  if (!out.rejected) apply_hold_rule(ctx, out.body);
  return out;
}

bool CallEngine::end_call(uint64_t id, uint32_t q850_cause, const std::string &reason) {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second->finished()) return false;
  it->second->terminate(q850_cause, reason);
  return true;
}

void CallEngine::call_ended(Call &call, int status, const char *why, bool was_answered) {
  const uint64_t id = call.id();
  if (auto it = ring_timers_.find(id); it != ring_timers_.end()) {
    timers_.cancel(it->second);
    ring_timers_.erase(it);
  }
  if (auto it = session_timers_.find(id); it != session_timers_.end()) {
    timers_.cancel(it->second);
    session_timers_.erase(it);
  }
  log_info("calls", "call " + std::to_string(id) + ": ended (" + std::to_string(status) + ", " + why +
                        (was_answered ? ", was answered)" : ")"));
  call_event(call, LS_CALL_ENDED, status, why);
  destroy_later(id, call.has_cancelled_forks() ? kLingerAfterCancelMs : 0);
}

void CallEngine::destroy_later(uint64_t id, int64_t delay_ms) {
  sdp_senders_.erase(id);
  auto erase = [this, id] {
    calls_.erase(id);
    sdp_senders_.erase(id);
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
