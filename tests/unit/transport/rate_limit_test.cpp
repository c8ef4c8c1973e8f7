// tests/unit/transport/rate_limit_test.cpp: the per-source token bucket, its bounded table, and
// the REQUEST_RECEIVED hook dropping silently with one warning per source per minute.
#include <doctest/doctest.h>

#include "transport_test_support.hpp"

using namespace lineside::transport;
using namespace lineside::transport::test;

TEST_CASE("token bucket: burst back to back, then the rate; sources are independent") {
  RateLimiter limiter;
  limiter.configure({2, 3, 100});
  int64_t now = 1'000;
  for (int i = 0; i < 3; ++i) CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Allow);
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::DropAndWarn);
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Drop);
  CHECK(limiter.admit("192.0.2.2", now) == RateVerdict::Allow);
  now += 499;  // 2/s: 0.998 of a token
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Drop);
  now += 1;
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Allow);
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Drop);
  now += 10'000;  // refills to the burst, never beyond
  for (int i = 0; i < 3; ++i) CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Allow);
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Drop);  // warned 10.5 s ago
  now += RateLimiter::kWarnIntervalMs;
  for (int i = 0; i < 3; ++i) CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::Allow);
  CHECK(limiter.admit("192.0.2.1", now) == RateVerdict::DropAndWarn);
}

TEST_CASE("the source table is bounded: the least recently seen source is forgotten") {
  RateLimiter limiter;
  limiter.configure({1, 1, 2});
  CHECK(limiter.admit("a", 0) == RateVerdict::Allow);
  CHECK(limiter.admit("b", 0) == RateVerdict::Allow);
  CHECK(limiter.admit("a", 0) == RateVerdict::DropAndWarn);  // "a" is now the most recent
  CHECK(limiter.admit("c", 0) == RateVerdict::Allow);        // evicts "b"
  CHECK(limiter.tracked() == 2);
  CHECK(limiter.admit("a", 0) == RateVerdict::Drop);          // "a" kept its empty bucket
  CHECK(limiter.admit("b", 0) == RateVerdict::Allow);         // "b" starts afresh
  CHECK(limiter.tracked() == 2);
  limiter.configure({1, 1, 1});
  CHECK(limiter.tracked() == 1);
}

TEST_CASE("rate limit off (the default) lets everything through") {
  RateLimiter limiter;
  CHECK_FALSE(limiter.enabled());
  for (int i = 0; i < 1000; ++i) CHECK(limiter.admit("192.0.2.1", 0) == RateVerdict::Allow);
  CHECK(limiter.tracked() == 0);

  TransportFixture f;
  f.add_listener("udp");
  REQUIRE(f.load());
  for (int i = 0; i < 100; ++i) {
    lineside::testing::FakeRequest req("OPTIONS", "sip:pbx.test");
    CHECK(f.host.dispatch(LS_HOOK_REQUEST_RECEIVED, req) == LS_VERDICT_CONTINUE);
    CHECK(req.responses.empty());
  }
  CHECK(f.host.counter("rate_limited") == 0);
}

TEST_CASE("over the limit a request is dropped silently, counted, and warned about once a minute") {
  TransportFixture f;
  f.add_listener("udp");
  f.host.config().child("rate_limit").set("requests_per_second", 1).set("burst", 2);
  REQUIRE(f.load());
  auto send_from = [&](const std::string &addr) {
    lineside::testing::FakeRequest req("REGISTER", "sip:pbx.test");
    req.peer.addr = addr;
    const uint32_t verdict = f.host.dispatch(LS_HOOK_REQUEST_RECEIVED, req);
    CHECK((verdict == LS_VERDICT_STOP) == req.dropped);
    if (req.dropped) {
      CHECK(req.responses.size() == 1);
      CHECK(req.responses[0].status == 0);
    }
    return verdict;
  };
  CHECK(send_from("198.51.100.9") == LS_VERDICT_CONTINUE);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_CONTINUE);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_STOP);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_STOP);
  CHECK(send_from("203.0.113.1") == LS_VERDICT_CONTINUE);
  CHECK(f.host.counter("rate_limited") == 2);
  auto warnings = [&] {
    size_t n = 0;
    for (const auto &line : f.host.logs())
      if (line.level == LS_LOG_WARNING && line.message.find("198.51.100.9") != std::string::npos) ++n;
    return n;
  };
  CHECK(warnings() == 1);
  CHECK(f.host.logged("dropping requests from 198.51.100.9: over 1/s (burst 2)", LS_LOG_WARNING));

  f.host.advance(1'000);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_CONTINUE);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_STOP);
  CHECK(warnings() == 1);
  f.host.advance(60'000);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_CONTINUE);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_CONTINUE);
  CHECK(send_from("198.51.100.9") == LS_VERDICT_STOP);
  CHECK(warnings() == 2);
  CHECK(f.host.counter("rate_limited") == 4);
}

TEST_CASE("rate_limit values outside their ranges are refused by the schema") {
  TransportFixture f;
  f.add_listener("udp");
  f.host.config().child("rate_limit").set("burst", 0);
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error().find("rate_limit.burst") != std::string::npos);
}
