// calls/call_admission.cpp: the concurrent-call cap and the new-call token bucket.
#include "calls/call_admission.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "calls/call_engine.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/incoming_request.hpp"

namespace lineside::kernel {

AdmissionLimits admission_limits(const CallSettingsConfig &calls) {
  return AdmissionLimits{calls.max_concurrent, calls.max_new_per_second,
                         static_cast<uint32_t>(calls.retry_after_ms / 1000)};
}

CallAdmission::CallAdmission(AdmissionLimits limits) { set_limits(limits); }

void CallAdmission::set_limits(AdmissionLimits limits) {
  limits_ = limits;
  allowance_ = limits.max_new_per_second;
  last_ms_ = -1;
  admitted_.clear();
  order_.clear();
}

bool CallAdmission::free_retry(std::string_view call_id, int64_t now_ms) {
  while (!order_.empty() && order_.front().first + kSameCallWindowMs <= now_ms) {
    auto it = admitted_.find(order_.front().second);
    if (it != admitted_.end() && it->second.when_ms == order_.front().first) admitted_.erase(it);
    order_.pop_front();
  }
  if (call_id.empty()) return false;
  auto it = admitted_.find(std::string(call_id));
  if (it == admitted_.end() || it->second.retries_left == 0) return false;
  --it->second.retries_left;
  return true;
}

void CallAdmission::remember(std::string_view call_id, int64_t now_ms) {
  if (call_id.empty()) return;
  // A Call-ID counted again keeps its first entry: its free retries are not renewed.
  if (admitted_.try_emplace(std::string(call_id), Admitted{now_ms, kFreeRetries}).second) {
    order_.emplace_back(now_ms, call_id);
  }
}

CallAdmission::Verdict CallAdmission::check(size_t active_calls, int64_t now_ms, std::string_view call_id) {
  if (limits_.max_concurrent && active_calls >= limits_.max_concurrent) return Verdict::too_many_calls;
  if (!limits_.max_new_per_second || free_retry(call_id, now_ms)) return Verdict::admit;
  const double rate = limits_.max_new_per_second;
  if (last_ms_ >= 0 && now_ms > last_ms_) {
    allowance_ = std::min(rate, allowance_ + rate * static_cast<double>(now_ms - last_ms_) / 1000.0);
  }
  last_ms_ = std::max(last_ms_, now_ms);
  if (allowance_ < 1.0) return Verdict::too_fast;
  allowance_ -= 1.0;
  remember(call_id, now_ms);
  return Verdict::admit;
}

const char *admission_reason(CallAdmission::Verdict verdict) {
  switch (verdict) {
    case CallAdmission::Verdict::too_many_calls:
      return "Too Many Calls";
    case CallAdmission::Verdict::too_fast:
      return "Call Rate Limit";
    case CallAdmission::Verdict::admit:
      break;
  }
  return "Service Unavailable";
}


namespace {
int64_t monotonic_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

bool refuse_new_call(CallAdmission &admission, const CallEngine &engine, ls_request &req, Metrics &metrics) {
  if (req.sip()->sip_request->rq_method != sip_method_invite || req.in_dialog()) return false;
  const AdmissionLimits &limits = admission.limits();
  if (!limits.max_concurrent && !limits.max_new_per_second) return false;
  const char *dialled = req.field(LS_FIELD_REQUEST_URI_USER);
  if (dialled && engine.is_emergency_number(dialled)) return false;  // never refused
  const int64_t now = monotonic_ms();
  const sip_t *sip = req.sip();
  const std::string_view call_id =
      sip->sip_call_id && sip->sip_call_id->i_id ? sip->sip_call_id->i_id : std::string_view();
  const auto verdict = admission.check(engine.active_calls(), now, call_id);
  if (verdict == CallAdmission::Verdict::admit) return false;
  const char *phrase = admission_reason(verdict);
  req.reply_stateless(503, phrase,
            "Retry-After: " + std::to_string(limits.retry_after_s) + "\r\nReason: Q.850;cause=42;text=\"" +
                phrase + "\"");
  metrics.add(verdict == CallAdmission::Verdict::too_many_calls ? "lineside_kernel_calls_refused_concurrent"
                                                                 : "lineside_kernel_calls_refused_rate",
              1);
  // One line a second at most: a refused flood must not flood the log as well.
  static int64_t last_logged_ms = -1000;
  if (now - last_logged_ms >= 1000) {
    last_logged_ms = now;
    log_warning("calls", std::string("new calls refused with 503: ") + phrase + " (max_concurrent " +
                             std::to_string(limits.max_concurrent) + ", max_new_per_second " +
                             std::to_string(limits.max_new_per_second) + ")");
  }
  return true;
}

}  // namespace lineside::kernel
