// billing/completion_status.cpp: SIP status / Q.850 cause -> SMDR completion status letter.
#include "completion_status.hpp"

namespace lineside::billing {
namespace {

constexpr uint32_t kCauseUnallocated = 1;
constexpr uint32_t kCauseUserBusy = 17;
constexpr uint32_t kCauseInvalidFormat = 28;

bool busy(const CallRecord &call) {
  return call.status == 486 || call.status == 600 || call.q850_cause == kCauseUserBusy;
}

bool invalid_number(const CallRecord &call) {
  return call.status == 404 || call.status == 484 || call.status == 604 ||
         call.q850_cause == kCauseUnallocated || call.q850_cause == kCauseInvalidFormat;
}

}  // namespace

char completion_status(const CallRecord &call) {
  if (call.answered()) return call.external() ? completion::answered : completion::internal;
  if (busy(call)) return completion::busy;
  if (invalid_number(call)) return completion::invalid;
  if (call.status == 403 && call.external()) return completion::toll_denied;
  return completion::incomplete;
}

}  // namespace lineside::billing
