// billing/smdr_fields.cpp: CallRecord + SMDR options -> SmdrFields.
#include "smdr_fields.hpp"

#include <cstdio>
#include <ctime>

#include "completion_status.hpp"

namespace lineside::billing {

LocalTime local_time_of(int64_t unix_ms) {
  const time_t seconds = static_cast<time_t>(unix_ms / 1000);
  struct tm tm {};
  localtime_r(&seconds, &tm);
  return LocalTime{tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
}

bool smdr_wanted(const CallRecord &call, const SmdrOptions &options) {
  if (call.emergency) return true;
  return call.external() ? options.external : options.internal;
}

std::string trunk_party(uint32_t number, const SmdrLayout &layout) {
  char buf[16];
  std::snprintf(buf, sizeof buf, layout.extended_digits ? "T%04u" : "T%03u", number);
  return buf;
}

SmdrFields smdr_fields(const CallRecord &call, const SmdrOptions &options, const LocalTime &start) {
  SmdrFields f;
  f.month = start.month;
  f.day = start.day;
  f.hour = start.hour;
  f.minute = start.minute;
  if (call.answered() && call.end_unix_ms > call.answer_unix_ms)
    f.duration_s = (call.end_unix_ms - call.answer_unix_ms) / 1000;
  f.calling_party = call.caller_dn;
  if (call.external()) {
    f.tta_kind = TimeToAnswer::blank;
    f.called_party = trunk_party(call.trunk_number, options.layout);
  } else {
    f.tta_kind = call.answered() ? TimeToAnswer::seconds : TimeToAnswer::unanswered;
    if (call.answered() && call.answer_unix_ms > call.start_unix_ms)
      f.tta_s = (call.answer_unix_ms - call.start_unix_ms) / 1000;
    f.called_party = call.answered() && !call.callee_dn.empty() ? call.callee_dn : call.dialled;
  }
  f.digits = call.dialled;
  f.completion = completion_status(call);
  f.speed_forward = call.forwarded ? 'F' : ' ';
  if (call.transferred()) {
    f.transfer = 'T';
    f.third_party = call.third_party_dn;
  }
  f.system_id = options.system_id;
  return f;
}

}  // namespace lineside::billing
