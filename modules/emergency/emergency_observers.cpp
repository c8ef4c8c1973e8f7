// emergency/emergency_observers.cpp: what the emergency module watches: call outcomes of
// emergency calls, registration source addresses (possible moves), deleted devices.
#include <cstddef>

#include "emergency_module.hpp"
#include "lineside/call.h"

namespace lineside::emergency {

void EmergencyModule::on_call_event(uint32_t, const void *payload) {
  const auto *ev = static_cast<const ls_call_event_t *>(payload);
  if (!ev || !LS_HAS_FIELD(ev, ls_call_event_t, ended_by)) return;
  auto it = active_.find(ev->call_id);
  const bool flagged = LS_HAS_FIELD(ev, ls_call_event_t, emergency) && ev->emergency != 0;
  if (it == active_.end()) {
    if (!flagged) return;
    // An emergency call another module routed (the routes module): track it from here on.
    EmergencyEvent e;
    e.call_id = ev->call_id;
    e.dialled = ev->dialled ? ev->dialled : "";
    e.dn = ev->caller_dn ? ev->caller_dn : "";
    e.device_id = ev->caller_device_id ? ev->caller_device_id : "";
    it = active_.emplace(ev->call_id, std::move(e)).first;
  }
  EmergencyEvent &event = it->second;
  const std::string id = std::to_string(ev->call_id);
  const std::string who = "DN " + (event.dn.empty() ? std::string("unknown") : event.dn);
  if (ev->change == LS_CALL_ANSWERED) {
    host().notice("emergency call " + id + " from " + who + " answered" +
                  (LS_HAS_FIELD(ev, ls_call_event_t, trunk_name) && ev->trunk_name
                       ? " on trunk " + std::string(ev->trunk_name)
                       : std::string()));
    host().metric_add("calls_answered");
    notify_outcome(event, "emergency_call_answered", 200);
    return;
  }
  if (ev->change != LS_CALL_ENDED) return;
  const bool answered = ev->answer_unix_ms != 0;
  if (!answered && ev->ended_by == LS_CALL_BY_CALLER) {
    host().error("EMERGENCY CALL " + id + " from " + who +
                 " ABANDONED: the caller hung up before the emergency service answered");
    host().metric_add("calls_abandoned");
    notify_outcome(event, "emergency_call_abandoned", ev->status);
  } else if (!answered && ev->status >= 300) {
    host().error("EMERGENCY CALL " + id + " from " + who +
                 " FAILED: no emergency route answered (final status " +
                 std::to_string(ev->status) +
                 (ev->reason ? ", " + std::string(ev->reason) : std::string()) + ")");
    host().metric_add("calls_failed");
    notify_outcome(event, "emergency_call_failed", ev->status);
  } else {
    host().notice("emergency call " + id + " from " + who + " ended (status " +
                  std::to_string(ev->status) + ")");
  }
  active_.erase(it);
}

void EmergencyModule::on_registration(uint32_t, const void *payload) {
  const auto *ev = static_cast<const ls_registration_event_t *>(payload);
  if (!ev || !LS_HAS_FIELD(ev, ls_registration_event_t, source_addr) || !ev->device_id ||
      !ev->source_addr)
    return;
  if (ev->change != LS_REG_BOUND && ev->change != LS_REG_REFRESHED && ev->change != LS_REG_RESTORED)
    return;
  std::string user;
  if (ev->aor) {
    const std::string aor = ev->aor;
    const size_t colon = aor.find(':');
    const size_t at = aor.find('@');
    if (colon != std::string::npos && at != std::string::npos && at > colon)
      user = aor.substr(colon + 1, at - colon - 1);
  }
  const auto move = moves_.seen(ev->device_id, user, ev->source_addr, host().now_unix(),
                                ev->change == LS_REG_RESTORED);
  if (!move) return;
  host().metric_add("registration_moves");
  ls_device_info_t device{};
  const bool known = find_device("", user, device);
  const std::string dn = known && device.dn ? device.dn : user;
  const std::string device_cesid =
      known && LS_HAS_FIELD(&device, ls_device_info_t, cesid) && device.cesid ? device.cesid : "";
  const ResolvedCesid cesid = resolve_cesid(table_, dn, device_cesid, default_cesid());
  host().warning(
      "device " + move->device_id + " (DN " + dn + ") now registers from " + move->to_addr +
      ", before from " + move->from_addr + ": it may have moved. Its emergency CESID " +
      (cesid.cesid.empty() ? std::string("(none)")
                           : cesid.cesid + " (" + cesid_source_name(cesid.source) + ")") +
      " is NOT changed: update the CESID table if the phone's location changed");
}

void EmergencyModule::on_device_changed(uint32_t, const void *payload) {
  const auto *ev = static_cast<const ls_device_event_t *>(payload);
  if (!ev || !ev->device_id) return;
  if (ev->change == LS_DEVICE_REMOVED) moves_.forget(ev->device_id);
}

}  // namespace lineside::emergency
