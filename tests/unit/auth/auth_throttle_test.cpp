// tests/unit/auth/auth_throttle_test.cpp: brute-force throttling through the module: blocks,
// their actions, logs, metrics and expiry.
#include <doctest/doctest.h>

#include "auth_test_support.hpp"

using namespace lineside::auth;
using namespace lineside::auth::test;

namespace {

constexpr const char *kAttacker = "203.0.113.5";

void configure_throttle(AuthFixture &f, int failures, const char *action = "drop") {
  f.host.config().child("throttle").set("failures", failures).set("window", "60s")
      .set("block_for", "300s").set("action", action);
}

/// One wrong-password REGISTER from `source`; returns the request.
std::unique_ptr<lineside::testing::FakeRequest> fail_once(AuthFixture &f, const char *source) {
  DigestAnswer answer;
  answer.password = "guess";
  answer.nonce = f.fetch_nonce("REGISTER", "1001", source);
  return f.send(answer, "1001", source);
}

}  // namespace

TEST_CASE("N failures block the source: its next requests are dropped silently until the block ends") {
  AuthFixture f;
  configure_throttle(f, 3);
  REQUIRE(f.load());
  CHECK(fail_once(f, kAttacker)->status() == 403);
  CHECK(fail_once(f, kAttacker)->status() == 403);
  CHECK_FALSE(f.host.logged("blocking"));
  CHECK(fail_once(f, kAttacker)->status() == 403);
  CHECK(f.host.logged("blocking 203.0.113.5 for 300s after 3 failed authentications", LS_LOG_WARNING));
  CHECK(f.host.gauge("blocked_sources") == 1);
  CHECK(f.host.counter("blocked_requests") == 0);

  auto options = AuthFixture::request("OPTIONS", "1001", kAttacker);
  CHECK(f.host.dispatch(LS_HOOK_REQUEST_RECEIVED, *options) == LS_VERDICT_STOP);
  CHECK(options->dropped);
  CHECK(options->responses.size() == 1);
  CHECK(f.host.counter("blocked_requests") == 1);

  auto neighbour = AuthFixture::request("REGISTER", "1001", "203.0.113.6");
  f.run(*neighbour);
  CHECK(neighbour->status() == 401);

  f.host.advance(299'000);
  auto still = AuthFixture::request("REGISTER", "1001", kAttacker);
  f.run(*still);
  CHECK(still->dropped);
  CHECK_FALSE(f.host.logged("unblocking"));

  f.host.advance(2'000);
  CHECK(f.host.logged("unblocking 203.0.113.5", LS_LOG_NOTICE));
  CHECK(f.host.gauge("blocked_sources") == 0);
  auto after = AuthFixture::request("REGISTER", "1001", kAttacker);
  f.run(*after);
  CHECK(after->status() == 401);
}

TEST_CASE("action forbidden answers blocked sources with 403") {
  AuthFixture f;
  configure_throttle(f, 2, "forbidden");
  REQUIRE(f.load());
  fail_once(f, kAttacker);
  fail_once(f, kAttacker);
  auto next = AuthFixture::request("INVITE", "1001", kAttacker);
  CHECK(f.run(*next) == LS_VERDICT_STOP);
  CHECK(next->status() == 403);
  CHECK_FALSE(next->dropped);
}

TEST_CASE("failures age out of the window") {
  AuthFixture f;
  configure_throttle(f, 3);
  REQUIRE(f.load());
  fail_once(f, kAttacker);
  fail_once(f, kAttacker);
  f.host.advance(61'000);
  fail_once(f, kAttacker);
  fail_once(f, kAttacker);
  CHECK_FALSE(f.host.logged("blocking"));
  fail_once(f, kAttacker);
  CHECK(f.host.logged("blocking 203.0.113.5"));
}

TEST_CASE("a success from the source does not wipe its failures") {
  AuthFixture f;
  configure_throttle(f, 3);
  REQUIRE(f.load());
  fail_once(f, kAttacker);
  fail_once(f, kAttacker);
  DigestAnswer good;
  good.nonce = f.fetch_nonce("REGISTER", "1001", kAttacker);
  CHECK(f.send(good, "1001", kAttacker)->responses.empty());
  fail_once(f, kAttacker);
  CHECK(f.host.logged("blocking 203.0.113.5"));
  auto next = AuthFixture::request("REGISTER", "1001", kAttacker);
  f.run(*next);
  CHECK(next->dropped);
}

TEST_CASE("every kind of failure counts: unknown user, replay, wrong realm, named garbage") {
  AuthFixture f;
  configure_throttle(f, 4);
  REQUIRE(f.load());
  DigestAnswer unknown;
  unknown.username = "9999";
  unknown.nonce = f.fetch_nonce("REGISTER", "9999", kAttacker);
  CHECK(f.send(unknown, "9999", kAttacker)->status() == 403);

  DigestAnswer good;
  good.nonce = f.fetch_nonce("REGISTER", "1001", kAttacker);
  CHECK(f.send(good, "1001", kAttacker)->responses.empty());
  CHECK(f.send(good, "1001", kAttacker)->status() == 401);

  DigestAnswer realm = good;
  realm.realm = "elsewhere.test";
  CHECK(f.send(realm, "1001", kAttacker)->status() == 401);

  auto garbage = AuthFixture::request("REGISTER", "1001", kAttacker);
  garbage->add_header("Authorization", "Digest username=\"1001\", realm=\"unterminated");
  f.run(*garbage);
  CHECK(garbage->status() == 401);
  CHECK(f.host.counter("failures") == 4);
  CHECK(f.host.logged("blocking 203.0.113.5 for 300s after 4 failed authentications"));
}
