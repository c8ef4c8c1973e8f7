// transfer/call_parties.hpp: which device is on each side of every connected call, kept from the
// call events, so an attended transfer may only replace a dialog of the phone that asks for it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "lineside/call.h"

namespace lineside::transfer {

class CallParties {
 public:
  /// Feed one LS_EVENT_CALL payload. ATTEMPT records the caller, ANSWERED the callee, ENDED drops
  /// the call; TRANSFERRED records the new callee when the event names one (a new caller is
  /// unknown until set_party is told, see below).
  void observe(const ls_call_event_t &event);
  /// Record who is on `side` now (after a transfer this module started).
  void set_party(uint64_t call_id, uint32_t side, const std::string &device_id);
  /// The device on `side` (LS_LEG_CALLER / LS_LEG_CALLEE) of a call, "" when unknown.
  [[nodiscard]] std::string party(uint64_t call_id, uint32_t side) const;
  /// Calls being followed.
  [[nodiscard]] size_t size() const { return calls_.size(); }

 private:
  struct Sides {
    std::string caller;  ///< device on LS_LEG_CALLER
    std::string callee;  ///< device on LS_LEG_CALLEE
  };
  std::unordered_map<uint64_t, Sides> calls_;
};

}  // namespace lineside::transfer
