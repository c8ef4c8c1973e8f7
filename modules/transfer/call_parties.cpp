// transfer/call_parties.cpp: following the devices on each side of the calls from call events.
#include "call_parties.hpp"

namespace lineside::transfer {
namespace {
std::string text(const char *s) {
  return s ? std::string(s) : std::string();
}
}  // namespace

void CallParties::observe(const ls_call_event_t &event) {
  switch (event.change) {
    case LS_CALL_ATTEMPT:
      calls_[event.call_id].caller = text(event.caller_device_id);
      break;
    case LS_CALL_ANSWERED:
      calls_[event.call_id].callee = text(event.callee_device_id);
      break;
    case LS_CALL_TRANSFERRED: {
      auto it = calls_.find(event.call_id);
      if (it == calls_.end()) break;
      const std::string callee = text(event.callee_device_id);
      // The event always names the current callee: when it changed, the callee side was replaced;
      // otherwise the caller side was, by a party this event does not name.
      if (callee != it->second.callee) {
        it->second.callee = callee;
      } else {
        it->second.caller.clear();
      }
      break;
    }
    case LS_CALL_ENDED:
      calls_.erase(event.call_id);
      break;
    default:
      break;
  }
}

void CallParties::set_party(uint64_t call_id, uint32_t side, const std::string &device_id) {
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return;
  (side == LS_LEG_CALLER ? it->second.caller : it->second.callee) = device_id;
}

std::string CallParties::party(uint64_t call_id, uint32_t side) const {
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return "";
  return side == LS_LEG_CALLER ? it->second.caller : it->second.callee;
}

}  // namespace lineside::transfer
