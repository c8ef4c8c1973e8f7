// tests/unit/auth/failure_throttle_test.cpp: failure counting, blocking, expiry and memory bounds.
#include <doctest/doctest.h>

#include <string>

#include "failure_throttle.hpp"

using namespace lineside::auth;

namespace {
constexpr ThrottlePolicy kPolicy{3, 60'000, 300'000};
}

TEST_CASE("the Nth failure within the window starts a block that ends after block_for") {
  FailureThrottle throttle(kPolicy, 100);
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 1000));
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 2000));
  CHECK_FALSE(throttle.is_blocked("10.0.0.1", 2000));
  CHECK(throttle.record_failure("10.0.0.1", 3000));
  CHECK(throttle.is_blocked("10.0.0.1", 3000));
  CHECK(throttle.blocked_count() == 1);
  CHECK_FALSE(throttle.is_blocked("10.0.0.2", 3000));
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 4000));
  CHECK(throttle.sweep(3000 + 299'999).empty());
  CHECK(throttle.is_blocked("10.0.0.1", 3000 + 299'999));
  CHECK_FALSE(throttle.is_blocked("10.0.0.1", 3000 + 300'000));
  const auto released = throttle.sweep(3000 + 300'000);
  REQUIRE(released.size() == 1);
  CHECK(released.front() == "10.0.0.1");
  CHECK(throttle.blocked_count() == 0);
}

TEST_CASE("failures older than the window do not count") {
  FailureThrottle throttle(kPolicy, 100);
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 0));
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 30'000));
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 61'000));
  CHECK_FALSE(throttle.is_blocked("10.0.0.1", 61'000));
  CHECK(throttle.record_failure("10.0.0.1", 62'000));
}

TEST_CASE("after a block ends the source starts counting from zero") {
  FailureThrottle throttle(kPolicy, 100);
  for (int i = 0; i < 3; ++i) throttle.record_failure("10.0.0.1", i);
  throttle.sweep(400'000);
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 400'001));
  CHECK_FALSE(throttle.record_failure("10.0.0.1", 400'002));
  CHECK(throttle.record_failure("10.0.0.1", 400'003));
}

TEST_CASE("the counted sources are bounded, least recently failing evicted first") {
  FailureThrottle throttle(kPolicy, 2);
  throttle.record_failure("a", 1);
  throttle.record_failure("a", 2);
  throttle.record_failure("b", 3);
  throttle.record_failure("c", 4);
  CHECK(throttle.tracked_count() == 2);
  CHECK_FALSE(throttle.record_failure("a", 5));
  CHECK(throttle.record_failure("c", 6) == false);
  CHECK(throttle.record_failure("c", 7));
}

TEST_CASE("blocked sources are bounded too, the block ending soonest evicted first") {
  FailureThrottle throttle(ThrottlePolicy{1, 60'000, 300'000}, 2);
  CHECK(throttle.record_failure("a", 0));
  CHECK(throttle.record_failure("b", 10));
  CHECK(throttle.record_failure("c", 20));
  CHECK(throttle.blocked_count() == 2);
  CHECK_FALSE(throttle.is_blocked("a", 30));
  CHECK(throttle.is_blocked("b", 30));
  CHECK(throttle.is_blocked("c", 30));
}

TEST_CASE("a lower limit applied by reload keeps existing blocks") {
  FailureThrottle throttle(kPolicy, 100);
  for (int i = 0; i < 3; ++i) throttle.record_failure("a", i);
  throttle.record_failure("b", 10);
  throttle.record_failure("b", 11);
  throttle.set_policy(ThrottlePolicy{2, 60'000, 1000});
  CHECK(throttle.is_blocked("a", 1000));
  CHECK(throttle.record_failure("b", 12));
  CHECK_FALSE(throttle.is_blocked("b", 1012));
}
