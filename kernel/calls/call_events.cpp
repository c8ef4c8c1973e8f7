// calls/call_events.cpp: what the engine tells call observers (LS_EVENT_CALL): the events of a call's
// life, and the lone ENDED event of an INVITE refused before any call existed.
#include "calls/call_engine.hpp"
#include "calls/call_status.hpp"
#include "host/event_bus.hpp"
#include "host/timer_service.hpp"
#include "lineside/call.h"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"

namespace lineside::kernel {

void CallEngine::call_event(Call &call, uint32_t change, int status, const char *why) {
  const Call::Summary s = call.summary();
  switch (change) {
    case LS_CALL_ATTEMPT:
      metrics_.add("lineside_kernel_calls_attempted", 1);
      metrics_.set("lineside_kernel_calls_active", static_cast<int64_t>(calls_.size()));
      log_info("calls", "call " + std::to_string(call.id()) + ": " + s.caller->dn + " -> " + *s.dialled);
      break;
    case LS_CALL_ANSWERED:
      if (auto it = ring_timers_.find(call.id()); it != ring_timers_.end()) {
        timers_.cancel(it->second);
        ring_timers_.erase(it);
      }
      metrics_.add("lineside_kernel_calls_answered", 1);
      log_info("calls", "call " + std::to_string(call.id()) + ": answered by " + s.callee_dn);
      break;
    default:
      break;
  }
  ls_call_event_t ev{};
  ev.size = sizeof ev;
  ev.change = change;
  ev.call_id = call.id();
  ev.caller_device_id = s.caller->device_id.c_str();
  ev.caller_dn = s.caller->dn.c_str();
  ev.dialled = s.dialled->c_str();
  ev.callee_device_id = s.callee_device_id.empty() ? nullptr : s.callee_device_id.c_str();
  ev.callee_dn = s.callee_dn.empty() ? nullptr : s.callee_dn.c_str();
  ev.start_unix_ms = s.start_ms;
  ev.answer_unix_ms = s.answer_ms;
  ev.emergency = s.emergency ? 1 : 0;
  ev.trunk_name = s.trunk_name.empty() ? nullptr : s.trunk_name.c_str();
  ev.trunk_number = s.trunk_number;
  ev.forwarded = s.forwarded ? 1 : 0;
  ev.third_party_dn = s.third_party_dn ? s.third_party_dn->c_str() : nullptr;
  ev.transferred_by_dn = s.transferred_by_dn ? s.transferred_by_dn->c_str() : nullptr;
  if (change == LS_CALL_ENDED) {
    ev.end_unix_ms = now_ms();
    ev.status = static_cast<uint32_t>(status);
    ev.q850_cause = q850_cause_for(s.answer_ms ? 200 : status, s.subscriber_absent);
    ev.reason = why;
    ev.ended_by = s.ended_by;
  }
  events_.emit(LS_EVENT_CALL, &ev);
}

void CallEngine::refused_call_event(uint64_t id, const CallerIdentity &caller, const std::string &dialled,
                                    uint32_t status, bool emergency) {
  // Refused before anything rang (unknown number, a route hook's refusal): billing still needs a
  // record, so observers get the ENDED event alone.
  const int64_t now = now_ms();
  ls_call_event_t ev{};
  ev.size = sizeof ev;
  ev.change = LS_CALL_ENDED;
  ev.call_id = id;
  ev.caller_device_id = caller.device_id.c_str();
  ev.caller_dn = caller.dn.c_str();
  ev.dialled = dialled.c_str();
  ev.start_unix_ms = now;
  ev.end_unix_ms = now;
  ev.status = status ? status : 500;
  ev.q850_cause = q850_cause_for(static_cast<int>(ev.status), ev.status == 480);
  ev.reason = "refused before ringing";
  ev.ended_by = LS_CALL_BY_SYSTEM;
  ev.emergency = emergency ? 1 : 0;
  events_.emit(LS_EVENT_CALL, &ev);
}
}  // namespace lineside::kernel
