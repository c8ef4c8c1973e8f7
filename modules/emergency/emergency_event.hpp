// emergency/emergency_event.hpp: what is known about one emergency call when it is routed, and
// how notifications put it (webhook JSON, front-desk text).
#pragma once

#include <cstdint>
#include <string>

namespace lineside::emergency {

struct EmergencyEvent {
  uint64_t call_id = 0;
  std::string dialled;       ///< the digits dialled (911)
  std::string dn;            ///< the caller's DN ("" when the device is unknown)
  std::string device_id;     ///< "" when unknown
  std::string caller_name;   ///< directory display name, or ""
  std::string cesid;         ///< "" when none
  std::string cesid_source;  ///< table | device | default | none
  int64_t time_unix_ms = 0;
  std::string source_addr;  ///< where the INVITE came from
  uint32_t source_port = 0;
  std::string transport;  ///< udp | tcp | tls
  bool privacy = false;
  bool authenticated = true;  ///< false: the caller could not be identified with certainty
  int gateways = 0;           ///< emergency gateways tried, in order
};

/// UTC ISO 8601 with milliseconds ("2024-05-01T13:45:07.123Z").
std::string iso_time(int64_t unix_ms);

/// {"event":"emergency_call","call_id","dialled","dn","device","name","cesid","cesid_source",
///  "time","time_unix","source_address","source_port","transport","privacy","verified"}
std::string webhook_json(const EmergencyEvent &e);

/// {"event": event ("emergency_call_answered", "emergency_call_failed",
/// "emergency_call_abandoned"),
///  "call_id","dialled","dn","device","cesid","time","status"}
std::string outcome_json(const EmergencyEvent &e, const std::string &event, uint32_t status,
                         int64_t at_unix_ms);

/// Text of the front desk's SIP MESSAGE for a new emergency call.
std::string front_desk_text(const EmergencyEvent &e);

/// Text of the front desk's SIP MESSAGE when no emergency route answered.
std::string front_desk_failure_text(const EmergencyEvent &e, uint32_t status);

}  // namespace lineside::emergency
