// emergency/emergency_event.cpp: notification bodies.
#include "emergency_event.hpp"

#include <cstdio>
#include <ctime>

#include "json_value.hpp"

namespace lineside::emergency {
namespace {

std::string or_unknown(const std::string &s) {
  return s.empty() ? "unknown" : s;
}

std::string who(const EmergencyEvent &e) {
  std::string out = "DN " + or_unknown(e.dn);
  if (!e.caller_name.empty()) out += " (" + e.caller_name + ")";
  if (!e.device_id.empty()) out += ", device " + e.device_id;
  return out;
}

}  // namespace

std::string iso_time(int64_t unix_ms) {
  const time_t seconds = static_cast<time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms % 1000));
  return buf;
}

std::string webhook_json(const EmergencyEvent &e) {
  return "{\"event\":\"emergency_call\",\"call_id\":" + std::to_string(e.call_id) +
         ",\"dialled\":" + json::quote(e.dialled) + ",\"dn\":" + json::quote(e.dn) +
         ",\"device\":" + json::quote(e.device_id) + ",\"name\":" + json::quote(e.caller_name) +
         ",\"cesid\":" + json::quote(e.cesid) + ",\"cesid_source\":" + json::quote(e.cesid_source) +
         ",\"time\":" + json::quote(iso_time(e.time_unix_ms)) +
         ",\"time_unix\":" + std::to_string(e.time_unix_ms / 1000) +
         ",\"source_address\":" + json::quote(e.source_addr) +
         ",\"source_port\":" + std::to_string(e.source_port) +
         ",\"transport\":" + json::quote(e.transport) +
         ",\"privacy\":" + (e.privacy ? "true" : "false") +
         ",\"verified\":" + (e.authenticated ? "true" : "false") + "}";
}

std::string outcome_json(const EmergencyEvent &e, const std::string &event, uint32_t status,
                         int64_t at_unix_ms) {
  return "{\"event\":" + json::quote(event) + ",\"call_id\":" + std::to_string(e.call_id) +
         ",\"dialled\":" + json::quote(e.dialled) + ",\"dn\":" + json::quote(e.dn) +
         ",\"device\":" + json::quote(e.device_id) + ",\"cesid\":" + json::quote(e.cesid) +
         ",\"time\":" + json::quote(iso_time(at_unix_ms)) +
         ",\"status\":" + std::to_string(status) + "}";
}

std::string front_desk_text(const EmergencyEvent &e) {
  return "EMERGENCY CALL: " + e.dialled + " dialled by " + who(e) + " at " +
         iso_time(e.time_unix_ms) + ". CESID " + (e.cesid.empty() ? std::string("none") : e.cesid) +
         ". Phone at " + or_unknown(e.source_addr) + ".";
}

std::string front_desk_failure_text(const EmergencyEvent &e, uint32_t status) {
  return "EMERGENCY CALL FAILED: " + e.dialled + " from " + who(e) +
         " did not reach the emergency service (SIP " + std::to_string(status) +
         "). Check on the caller now.";
}

}  // namespace lineside::emergency
