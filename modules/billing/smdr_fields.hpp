// billing/smdr_fields.hpp: how a finished call maps onto SMDR record fields, and which calls get
// one.
#pragma once

#include <cstdint>
#include <string>

#include "call_record.hpp"
#include "smdr_format.hpp"

namespace lineside::billing {

/// The SMDR system options (lineside.capabilities/1 system_options), read for every record.
struct SmdrOptions {
  bool internal = false;          ///< smdr_internal: records for calls between extensions
  bool external = true;           ///< smdr_external: records for calls that leave on a trunk
  SmdrLayout layout;              ///< smdr_extended_digits, smdr_ani_dnis, smdr_24h_clock
  std::string system_id = "000";  ///< smdr_system_id
};

/// A moment in server local time (what SMDR columns show).
struct LocalTime {
  int month = 1, day = 1, hour = 0, minute = 0;
};

/// `unix_ms` in the process's local time zone (TZ).
LocalTime local_time_of(int64_t unix_ms);

/// True when `call` gets an SMDR record: emergency calls always; external calls when
/// options.external; calls between extensions when options.internal.
bool smdr_wanted(const CallRecord &call, const SmdrOptions &options);

/// "T054" (standard) / "T0054" (extended digits) for trunk `number`.
std::string trunk_party(uint32_t number, const SmdrLayout &layout);

/**
 * The SMDR fields of `call` (start shown as `start`, the local time of call.start_unix_ms):
 * calling party = caller DN; called party = the answering DN, the dialled DN when unanswered, or
 * the trunk (Tnnn) for a call that left on one; digits = dialled; duration = answer to end (0
 * unanswered, whole seconds, rounded down); time to answer = seconds from start to answer for calls
 * that rang an extension, "***" when it never answered, blank for outgoing trunk calls (Mitel
 * reports it for incoming calls only); 'F' when forwarded; 'T' + third party when transferred;
 * account code, attendant and route-optimisation flags blank; ANI/DNIS blank (no incoming trunk
 * calls exist yet).
 */
SmdrFields smdr_fields(const CallRecord &call, const SmdrOptions &options, const LocalTime &start);

}  // namespace lineside::billing
