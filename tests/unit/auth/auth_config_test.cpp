// tests/unit/auth/auth_config_test.cpp: config validation at load and reload, and hostile headers
// fed through the whole module.
#include <doctest/doctest.h>

#include <random>

#include "auth_module.hpp"
#include "auth_test_support.hpp"

using namespace lineside::auth;
using namespace lineside::auth::test;

namespace {

bool has_config_error(const AuthFixture &f, const std::string &key, const std::string &needle) {
  for (const auto &e : f.host.config_errors()) {
    if (e.key == key && e.message.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("defaults load and match the sample configuration") {
  AuthFixture f;
  REQUIRE(f.load());
  const AuthSettings &s = f.host.module<AuthModule>().settings();
  CHECK(s.algorithms == std::vector<DigestAlgorithm>{DigestAlgorithm::sha256, DigestAlgorithm::md5});
  CHECK(s.methods == std::vector<std::string>{"REGISTER", "INVITE", "SUBSCRIBE"});
  CHECK(s.nonce_lifetime_ms == 300'000);
  CHECK(s.verify_uri);
  CHECK(s.throttle.failures == 10);
  CHECK(s.throttle.window_ms == 60'000);
  CHECK(s.throttle.block_ms == 300'000);
  CHECK(s.block_action == BlockAction::drop);
}

TEST_CASE("an unknown algorithm is refused, naming the value") {
  AuthFixture f;
  f.host.config().set("algorithms", "[SHA-256, SHA-512]");
  CHECK_FALSE(f.load());
  CHECK(has_config_error(f, "algorithms", "'SHA-512'"));
}

TEST_CASE("duplicate algorithms, empty lists and unchallengeable methods are refused") {
  struct Case {
    const char *key;
    const char *value;
    const char *needle;
  };
  const Case cases[] = {
      {"algorithms", "[MD5, md5]", "listed twice"},
      {"algorithms", "[]", "at least one"},
      {"methods", "[]", "at least one"},
      {"methods", "[REGISTER, ACK]", "ACK cannot be challenged"},
      {"methods", "[INVITE, \"BAD METHOD\"]", "not a SIP method"},
  };
  for (const Case &c : cases) {
    CAPTURE(c.value);
    AuthFixture f;
    f.host.config().set(c.key, c.value);
    CHECK_FALSE(f.load());
    CHECK(has_config_error(f, c.key, c.needle));
  }
}

TEST_CASE("out-of-range durations and counts and unknown actions are refused by the schema") {
  struct Case {
    const char *key;
    const char *value;
  };
  for (const Case &c : {Case{"failures", "0"}, Case{"failures", "1001"}, Case{"window", "0s"},
                        Case{"block_for", "30d"}, Case{"action", "explode"}}) {
    CAPTURE(c.key);
    AuthFixture f;
    f.host.config().child("throttle").set(c.key, c.value);
    CHECK_FALSE(f.load());
    CHECK(f.host.load_error().find(std::string("throttle.") + c.key) != std::string::npos);
  }
  AuthFixture f;
  f.host.config().set("nonce_lifetime", "500ms");
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error().find("nonce_lifetime") != std::string::npos);
}

TEST_CASE("reload validates in check and swaps in apply; a bad reload changes nothing") {
  AuthFixture f;
  REQUIRE(f.load());
  lineside::testing::FakeConfig bad;
  bad.set("algorithms", "[SHA-1]");
  CHECK_FALSE(f.host.reconfigure(std::move(bad)));
  CHECK(has_config_error(f, "algorithms", "'SHA-1'"));
  CHECK(f.host.module<AuthModule>().settings().algorithms.size() == 2);

  lineside::testing::FakeConfig good;
  good.set("algorithms", "[MD5]").set("methods", "[INVITE]");
  good.child("throttle").set("failures", 1).set("action", "forbidden");
  REQUIRE(f.host.reconfigure(std::move(good)));
  auto reg = AuthFixture::request("REGISTER", "1001");
  CHECK(f.run(*reg) == LS_VERDICT_CONTINUE);
  auto invite = AuthFixture::request("INVITE", "1001");
  f.run(*invite);
  REQUIRE(headers_of(*invite).size() == 1);
  CHECK(challenge_param(headers_of(*invite)[0].second, "algorithm") == "MD5");
  CHECK(f.host.module<AuthModule>().settings().throttle.failures == 1);
  CHECK(f.host.module<AuthModule>().settings().block_action == BlockAction::forbidden);
}

TEST_CASE("random and truncated credentials through the module never crash it") {
  AuthFixture f;
  f.host.config().child("throttle").set("failures", 1000);
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER");
  const std::string good = answer.header();
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(1, 255);
  for (int i = 0; i < 1500; ++i) {
    std::string header;
    if (i < static_cast<int>(good.size())) {
      header = good.substr(0, static_cast<size_t>(i));
    } else {
      header = good;
      std::uniform_int_distribution<size_t> where(0, header.size() - 1);
      for (int flips = 0; flips < 4; ++flips) header[where(rng)] = static_cast<char>(byte(rng));
    }
    auto req = AuthFixture::request("REGISTER", "1001", "198.51.100." + std::to_string(i % 200));
    req->add_header("Authorization", header);
    const uint32_t verdict = f.run(*req);
    CAPTURE(header);
    const uint32_t status = req->status();
    const bool refused = status == 400 || status == 401 || status == 403;
    CHECK((verdict == LS_VERDICT_STOP ? refused : (verdict == LS_VERDICT_CONTINUE && req->responses.empty())));
  }
}
