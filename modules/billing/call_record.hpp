// billing/call_record.hpp: CallRecord, everything the billing outputs know about one finished call.
#pragma once

#include <cstdint>
#include <string>

namespace lineside::billing {

/// How a call ended, as the call engine reported it (LS_CALL_BY_*).
enum class EndedBy : uint32_t { none = 0, caller = 1, callee = 2, system = 3 };

/// One call, assembled from its LS_EVENT_CALL events (owned copies of every string).
struct CallRecord {
  uint64_t call_id = 0;
  std::string caller_device_id;
  std::string caller_dn;
  std::string dialled;           ///< the digits the caller dialled (Request-URI user)
  std::string callee_device_id;  ///< the answering device, "" when never answered
  std::string callee_dn;         ///< the DN that answered, "" when never answered
  int64_t start_unix_ms = 0;     ///< the INVITE arrived
  int64_t answer_unix_ms = 0;    ///< answered, 0 if never
  int64_t end_unix_ms = 0;       ///< ended
  uint32_t status = 0;           ///< final SIP status the caller got (200 when answered)
  uint32_t q850_cause = 0;       ///< Q.850 cause of the end
  std::string reason;            ///< short text from the engine ("no answer"), may be ""
  EndedBy ended_by = EndedBy::none;
  bool emergency = false;         ///< the dialled digits are an emergency number
  std::string trunk_name;         ///< the route/trunk an external call left on, "" internal
  uint32_t trunk_number = 0;      ///< its number (SMDR "Tnnn"), 0 internal
  bool forwarded = false;         ///< call forward (always / busy / no answer) happened
  std::string third_party_dn;     ///< the transfer target, "" when never transferred
  std::string transferred_by_dn;  ///< who transferred, "" when never transferred

  [[nodiscard]] bool answered() const { return answer_unix_ms > 0; }
  /// The call left on a trunk (external SMDR); otherwise it stayed between extensions.
  [[nodiscard]] bool external() const { return trunk_number != 0 || !trunk_name.empty(); }
  [[nodiscard]] bool transferred() const { return !third_party_dn.empty(); }
};

}  // namespace lineside::billing
