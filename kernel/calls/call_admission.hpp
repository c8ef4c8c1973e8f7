// calls/call_admission.hpp: admission control for new calls: a cap on concurrent calls and on new calls
// per second, so an overloaded server refuses promptly (503 with Retry-After) instead of melting down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "config/kernel_settings.hpp"

struct ls_request;

namespace lineside::kernel {

class CallEngine;
class Metrics;

/// kernel.calls limits; 0 turns a limit off.
struct AdmissionLimits {
  uint32_t max_concurrent = 0;      ///< calls up or ringing at once
  uint32_t max_new_per_second = 0;  ///< new calls admitted per second (bursts up to one second's worth)
  uint32_t retry_after_s = 5;       ///< Retry-After on the 503
  bool operator==(const AdmissionLimits &) const = default;
};

/// The limits kernel.calls configures.
AdmissionLimits admission_limits(const CallSettingsConfig &calls);

/// Decides whether a new INVITE may become a call. SIP thread only. Emergency calls are never put to it.
class CallAdmission {
 public:
  enum class Verdict { admit, too_many_calls, too_fast };

  explicit CallAdmission(AdmissionLimits limits = {});

  /// New limits (SIGHUP); the per-second allowance starts full again.
  void set_limits(AdmissionLimits limits);
  [[nodiscard]] const AdmissionLimits &limits() const { return limits_; }

  /// One new call asks in at `now_ms` (a monotonic clock) while `active_calls` exist. An admitted call
  /// uses one unit of the per-second allowance, unless an INVITE with the same `call_id` was admitted
  /// within kSameCallWindowMs and has retries left (the retry that answers a digest challenge: RFC 3261
  /// §22.2 keeps the Call-ID); a refused one uses none.
  Verdict check(size_t active_calls, int64_t now_ms, std::string_view call_id = {});

  /// How long an admitted Call-ID is remembered: an INVITE client transaction's lifetime (64*T1).
  static constexpr int64_t kSameCallWindowMs = 32'000;
  /// Uncounted retries per admitted Call-ID: a challenge, then a stale nonce (RFC 7616 stale=true).
  /// More are counted, so one Call-ID sent over and over cannot pass the rate limit.
  static constexpr unsigned kFreeRetries = 2;

 private:
  /// True when `call_id` was admitted within the window and has a free retry left (which this uses);
  /// forgets what fell out of the window.
  bool free_retry(std::string_view call_id, int64_t now_ms);
  void remember(std::string_view call_id, int64_t now_ms);

  AdmissionLimits limits_;
  double allowance_ = 0;  ///< new calls that may start now
  int64_t last_ms_ = -1;
  struct Admitted {
    int64_t when_ms = 0;
    unsigned retries_left = kFreeRetries;
  };
  std::unordered_map<std::string, Admitted> admitted_;  ///< by Call-ID (rate limit on)
  std::deque<std::pair<int64_t, std::string>> order_;  ///< the same, oldest first, for expiry
};

/// "Too Many Calls" / "Call Rate Limit": the reason phrase of a refusal.
const char *admission_reason(CallAdmission::Verdict verdict);

/// Puts a new INVITE (out of dialog, not to an emergency number) to `admission` before any module sees it,
/// so a refusal costs no digest exchange. The retry of a challenged INVITE (same Call-ID) is not counted
/// against the rate again; credentials alone prove nothing (phones send them pre-emptively). When refused: answers 503 with Retry-After and
/// `Reason: Q.850;cause=42`, counts it, returns true; otherwise false. SIP thread.
bool refuse_new_call(CallAdmission &admission, const CallEngine &engine, ls_request &req, Metrics &metrics);

}  // namespace lineside::kernel
