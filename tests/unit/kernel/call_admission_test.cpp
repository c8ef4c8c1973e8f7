// tests/unit/kernel/call_admission_test.cpp: the concurrent-call cap and the new-call rate limit.
#include <doctest/doctest.h>

#include "calls/call_admission.hpp"

using lineside::kernel::AdmissionLimits;
using lineside::kernel::CallAdmission;
using Verdict = CallAdmission::Verdict;

TEST_CASE("no limits admit everything") {
  CallAdmission a;
  for (int i = 0; i < 100000; ++i) REQUIRE(a.check(static_cast<size_t>(i), 0) == Verdict::admit);
}

TEST_CASE("the concurrent cap refuses at the cap and admits again below it") {
  CallAdmission a(AdmissionLimits{10, 0, 5});
  CHECK(a.check(9, 0) == Verdict::admit);
  CHECK(a.check(10, 0) == Verdict::too_many_calls);
  CHECK(a.check(11, 0) == Verdict::too_many_calls);
  CHECK(a.check(3, 0) == Verdict::admit);
}

TEST_CASE("the rate limit allows one second's burst, then the refill rate") {
  CallAdmission a(AdmissionLimits{0, 50, 5});
  int admitted = 0;
  for (int i = 0; i < 200; ++i) admitted += a.check(0, 1000) == Verdict::admit;
  CHECK(admitted == 50);  // the burst
  CHECK(a.check(0, 1000) == Verdict::too_fast);
  // 100 ms later: 5 more.
  admitted = 0;
  for (int i = 0; i < 20; ++i) admitted += a.check(0, 1100) == Verdict::admit;
  CHECK(admitted == 5);
  // Over 10 s at one attempt per ms, exactly the rate gets in (plus nothing saved beyond one second).
  admitted = 0;
  for (int64_t t = 1101; t <= 11100; ++t) admitted += a.check(0, t) == Verdict::admit;
  CHECK(admitted == doctest::Approx(500).epsilon(0.01));
}

TEST_CASE("a refusal uses no allowance and the cap is checked first") {
  CallAdmission a(AdmissionLimits{1, 1, 5});
  CHECK(a.check(1, 0) == Verdict::too_many_calls);  // the cap: the allowance stays
  CHECK(a.check(0, 0) == Verdict::admit);
  CHECK(a.check(0, 0) == Verdict::too_fast);
  CHECK(a.check(0, 999) == Verdict::too_fast);
  CHECK(a.check(0, 2000) == Verdict::admit);
}

TEST_CASE("new limits take effect at once and refill the allowance") {
  CallAdmission a(AdmissionLimits{0, 1, 5});
  CHECK(a.check(0, 0) == Verdict::admit);
  CHECK(a.check(0, 0) == Verdict::too_fast);
  a.set_limits(AdmissionLimits{0, 3, 7});
  CHECK(a.limits().retry_after_s == 7);
  CHECK(a.check(0, 0) == Verdict::admit);
  CHECK(a.check(0, 0) == Verdict::admit);
  CHECK(a.check(0, 0) == Verdict::admit);
  CHECK(a.check(0, 0) == Verdict::too_fast);
  a.set_limits(AdmissionLimits{});
  CHECK(a.check(1000000, 0) == Verdict::admit);
}

TEST_CASE("a clock that goes backwards never adds allowance") {
  CallAdmission a(AdmissionLimits{0, 2, 5});
  CHECK(a.check(0, 5000) == Verdict::admit);
  CHECK(a.check(0, 5000) == Verdict::admit);
  CHECK(a.check(0, 4000) == Verdict::too_fast);
  CHECK(a.check(0, 5000) == Verdict::too_fast);
  CHECK(a.check(0, 5500) == Verdict::admit);
}

TEST_CASE("the answer to a digest challenge is not counted twice, but the cap still applies to it") {
  CallAdmission a(AdmissionLimits{5, 1, 5});
  CHECK(a.check(0, 0, "call-1") == Verdict::admit);              // the first INVITE (challenged)
  CHECK(a.check(0, 10, "call-1") == Verdict::admit);             // its retry with credentials
  CHECK(a.check(0, 20, "call-2") == Verdict::too_fast);          // the next new call
  CHECK(a.check(5, 30, "call-1") == Verdict::too_many_calls);    // the cap holds for retries too
}

TEST_CASE("credentials alone do not skip the rate: only the retry of an admitted Call-ID does") {
  CallAdmission a(AdmissionLimits{0, 1, 5});
  CHECK(a.check(0, 0, "call-1") == Verdict::admit);
  // A phone that sends credentials up front on a new call still has a new Call-ID.
  CHECK(a.check(0, 10, "call-2") == Verdict::too_fast);
  // A Call-ID is remembered for one INVITE transaction's lifetime only.
  CHECK(a.check(0, CallAdmission::kSameCallWindowMs - 1, "call-1") == Verdict::admit);
  CHECK(a.check(0, CallAdmission::kSameCallWindowMs + 5, "call-1") == Verdict::admit);  // counted: new
  CHECK(a.check(0, CallAdmission::kSameCallWindowMs + 6, "call-3") == Verdict::too_fast);
}

TEST_CASE("one Call-ID sent over and over gets two retries free, then is counted like a new call") {
  CallAdmission a(AdmissionLimits{0, 2, 5});
  CHECK(a.check(0, 0, "flood") == Verdict::admit);     // counted: one unit left
  CHECK(a.check(0, 1, "flood") == Verdict::admit);     // the challenge's retry
  CHECK(a.check(0, 2, "flood") == Verdict::admit);     // the stale-nonce retry
  CHECK(a.check(0, 3, "flood") == Verdict::admit);     // counted: no unit left
  CHECK(a.check(0, 4, "flood") == Verdict::too_fast);  // no free retries again
  CHECK(a.check(0, 5, "other") == Verdict::too_fast);
}
