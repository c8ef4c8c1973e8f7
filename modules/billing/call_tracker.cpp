// billing/call_tracker.cpp: merging call events into per-call records, bounded by age.
#include "call_tracker.hpp"

namespace lineside::billing {
namespace {

void copy_if(std::string &to, const char *from) {
  if (from && *from) to = from;
}

}  // namespace

void merge_event(CallRecord &r, const ls_call_event_t &e) {
  r.call_id = e.call_id;
  copy_if(r.caller_device_id, e.caller_device_id);
  copy_if(r.caller_dn, e.caller_dn);
  copy_if(r.dialled, e.dialled);
  // The first party that answered stays the called party: after a transfer the engine reports
  // the transfer target as callee, which SMDR shows as the third party instead.
  if (r.callee_dn.empty()) {
    copy_if(r.callee_device_id, e.callee_device_id);
    copy_if(r.callee_dn, e.callee_dn);
  }
  if (e.start_unix_ms) r.start_unix_ms = e.start_unix_ms;
  if (e.answer_unix_ms) r.answer_unix_ms = e.answer_unix_ms;
  if (e.change == LS_CALL_ENDED) {
    r.end_unix_ms = e.end_unix_ms;
    r.status = e.status;
    r.q850_cause = e.q850_cause;
    r.reason = e.reason ? e.reason : "";
    r.ended_by = static_cast<EndedBy>(e.ended_by <= 3 ? e.ended_by : 3);
  }
  const ls_call_event_t *p = &e;
  if (LS_HAS_FIELD(p, ls_call_event_t, emergency) && e.emergency) r.emergency = true;
  if (LS_HAS_FIELD(p, ls_call_event_t, trunk_name)) copy_if(r.trunk_name, e.trunk_name);
  if (LS_HAS_FIELD(p, ls_call_event_t, trunk_number) && e.trunk_number)
    r.trunk_number = e.trunk_number;
  if (LS_HAS_FIELD(p, ls_call_event_t, forwarded) && e.forwarded) r.forwarded = true;
  if (LS_HAS_FIELD(p, ls_call_event_t, third_party_dn)) copy_if(r.third_party_dn, e.third_party_dn);
  if (LS_HAS_FIELD(p, ls_call_event_t, transferred_by_dn))
    copy_if(r.transferred_by_dn, e.transferred_by_dn);
}

CallTracker::Tracked &CallTracker::entry_for(uint64_t call_id) {
  auto it = calls_.find(call_id);
  if (it != calls_.end()) return it->second;
  while (calls_.size() >= capacity_) evict_oldest();
  Tracked &t = calls_[call_id];
  t.order = next_order_++;
  by_age_.emplace(t.order, call_id);
  return t;
}

void CallTracker::evict_oldest() {
  auto oldest = by_age_.begin();
  calls_.erase(oldest->second);
  by_age_.erase(oldest);
  ++evicted_;
}

std::optional<CallRecord> CallTracker::on_event(const ls_call_event_t &event) {
  if (event.change == LS_CALL_ENDED) {
    CallRecord record;
    if (auto it = calls_.find(event.call_id); it != calls_.end()) {
      record = std::move(it->second.record);
      by_age_.erase(it->second.order);
      calls_.erase(it);
    }
    merge_event(record, event);
    return record;
  }
  if (event.change < LS_CALL_ATTEMPT || event.change > LS_CALL_TRANSFERRED) return std::nullopt;
  merge_event(entry_for(event.call_id).record, event);
  return std::nullopt;
}

}  // namespace lineside::billing
