// calls/call_transfers.cpp: the engine's side of transfers: resolving host->call_transfer requests
// and Replaces dialog identifiers to calls, and taking INVITEs with Replaces.
#include "calls/call_engine.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/sip_loop.hpp"

namespace lineside::kernel {

namespace {
Call::Side side_of(uint32_t leg) { return leg == LS_LEG_CALLER ? Call::Side::a : Call::Side::b; }
uint32_t leg_of(Call::Side side) { return side == Call::Side::a ? LS_LEG_CALLER : LS_LEG_CALLEE; }
}  // namespace

void CallEngine::later(uint64_t id, std::function<void(Call &)> fn) {
  loop_.post([this, id, fn = std::move(fn)] {
    if (auto it = calls_.find(id); it != calls_.end() && !it->second->finished()) fn(*it->second);
  });
}

Call *CallEngine::call_by_replaces(const sip_replaces_t *replaces, Call::Side &side) const {
  nta_leg_t *leg = replaces ? nta_leg_by_replaces(agent(), replaces) : nullptr;
  if (!leg) return nullptr;
  for (const auto &[id, call] : calls_) {
    if (call->side_of_leg(leg, side)) return call.get();
  }
  return nullptr;
}

bool CallEngine::find_dialog(const char *sip_call_id, const char *local_tag, const char *remote_tag, uint64_t &id,
                             uint32_t &side) const {
  if (!sip_call_id || !local_tag || !remote_tag) return false;
  const std::string text = std::string(sip_call_id) + ";to-tag=" + local_tag + ";from-tag=" + remote_tag;
  sip_replaces_t *replaces = sip_replaces_make(home(), text.c_str());
  Call::Side found = Call::Side::a;
  Call *call = call_by_replaces(replaces, found);
  su_free(home(), replaces);
  if (!call) return false;
  id = call->id();
  side = leg_of(found);
  return true;
}

int CallEngine::transfer(const ls_transfer_t &spec, std::function<void(uint32_t)> done) {
  auto it = calls_.find(spec.call_id);
  if (it == calls_.end() || !it->second->answered()) return -1;
  if (spec.leaving_side != LS_LEG_CALLER && spec.leaving_side != LS_LEG_CALLEE) return -1;
  Call &call = *it->second;
  Call::TransferSpec t;
  t.leaving = side_of(spec.leaving_side);
  t.notify = spec.notify_sipfrag != 0;
  t.referred_by = spec.referred_by ? spec.referred_by : "";
  if (t.referred_by.find_first_of("\r\n") != std::string::npos) return -1;
  if (spec.with_call_id) {
    auto other = calls_.find(spec.with_call_id);
    if (other == calls_.end() || (spec.with_side != LS_LEG_CALLER && spec.with_side != LS_LEG_CALLEE)) return -1;
    t.with = other->second.get();
    t.with_side = side_of(spec.with_side);
  } else {
    if (!spec.target_dn || !*spec.target_dn) return -1;
    t.target_dn = spec.target_dn;
    RouteResult route = router_.route(t.target_dn);
    t.targets = std::move(route.targets);  // none: the transfer fails (NOTIFY, done) with:
    t.no_target_status = route.outcome == RouteResult::Outcome::unknown_number ? 404 : 480;
  }
  metrics_.add("lineside_kernel_calls_transfers", 1);
  return call.start_transfer(std::move(t), std::move(done)) ? 0 : -1;
}

void CallEngine::take_replacing_invite(std::unique_ptr<ls_request> &req, CallerIdentity caller) {
  Call::Side side = Call::Side::a;
  Call *call = call_by_replaces(req->sip()->sip_replaces, side);
  if (!call) {
    req->reply(481, "Call/Transaction Does Not Exist");  // RFC 3891 3: no dialog matches
    return;
  }
  log_info("calls", "call " + std::to_string(call->id()) + ": INVITE with Replaces from " + caller.dn);
  metrics_.add("lineside_kernel_calls_replaced", 1);
  call->replace_party(side, std::move(req), std::move(caller));
}

}  // namespace lineside::kernel
