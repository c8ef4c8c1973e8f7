// tests/unit/auth/auth_challenge_test.cpp: which requests the module challenges, and how
// (401 + WWW-Authenticate for REGISTER, 407 + Proxy-Authenticate otherwise), end to end.
#include <doctest/doctest.h>

#include "auth_test_support.hpp"

using namespace lineside::auth;
using namespace lineside::auth::test;

TEST_CASE("REGISTER without credentials gets 401 with one challenge per algorithm, SHA-256 first") {
  AuthFixture f;
  REQUIRE(f.load());
  auto req = AuthFixture::request("REGISTER", "1001");
  CHECK(f.run(*req) == LS_VERDICT_STOP);
  CHECK(req->status() == 401);
  const auto headers = headers_of(*req);
  REQUIRE(headers.size() == 2);
  CHECK(headers[0].first == "WWW-Authenticate");
  CHECK(headers[1].first == "WWW-Authenticate");
  CHECK(challenge_param(headers[0].second, "algorithm") == "SHA-256");
  CHECK(challenge_param(headers[1].second, "algorithm") == "MD5");
  for (const auto &[name, value] : headers) {
    CAPTURE(value);
    CHECK(value.rfind("Digest ", 0) == 0);
    CHECK(challenge_param(value, "realm") == "pbx.test");
    CHECK(challenge_param(value, "qop") == "auth");
    CHECK(challenge_param(value, "nonce").size() == 75);
    CHECK(challenge_param(value, "stale").empty());
  }
  CHECK(f.host.counter("challenges") == 1);
  CHECK(f.host.counter("failures") == 0);
}

TEST_CASE("INVITE and SUBSCRIBE get 407 with Proxy-Authenticate") {
  AuthFixture f;
  REQUIRE(f.load());
  for (const char *method : {"INVITE", "SUBSCRIBE"}) {
    CAPTURE(method);
    auto req = AuthFixture::request(method, "1001");
    CHECK(f.run(*req) == LS_VERDICT_STOP);
    CHECK(req->status() == 407);
    REQUIRE(headers_of(*req).size() == 2);
    CHECK(headers_of(*req)[0].first == "Proxy-Authenticate");
  }
}

TEST_CASE("methods not configured and in-dialog requests pass untouched") {
  AuthFixture f;
  REQUIRE(f.load());
  auto options = AuthFixture::request("OPTIONS", "1001");
  CHECK(f.run(*options) == LS_VERDICT_CONTINUE);
  CHECK(options->responses.empty());

  auto reinvite = AuthFixture::request("INVITE", "1001");
  reinvite->to_tag = "totag";
  CHECK(f.run(*reinvite) == LS_VERDICT_CONTINUE);
  CHECK(reinvite->responses.empty());
  CHECK(f.host.counter("challenges") == 0);
}

TEST_CASE("the methods list is configurable") {
  AuthFixture f;
  f.host.config().set("methods", "[MESSAGE, register]");
  REQUIRE(f.load());
  auto message = AuthFixture::request("MESSAGE", "1001");
  CHECK(f.run(*message) == LS_VERDICT_STOP);
  CHECK(message->status() == 407);
  auto invite = AuthFixture::request("INVITE", "1001");
  CHECK(f.run(*invite) == LS_VERDICT_CONTINUE);
  auto reg = AuthFixture::request("REGISTER", "1001");
  CHECK(f.run(*reg) == LS_VERDICT_STOP);
  CHECK(reg->status() == 401);
}

TEST_CASE("the configured algorithm order is the order of the challenges") {
  AuthFixture f;
  f.host.config().set("algorithms", "[md5]");
  REQUIRE(f.load());
  auto req = AuthFixture::request("REGISTER", "1001");
  f.run(*req);
  REQUIRE(headers_of(*req).size() == 1);
  CHECK(challenge_param(headers_of(*req)[0].second, "algorithm") == "MD5");
}

TEST_CASE("a device with authentication off passes without challenge and is identified") {
  AuthFixture f;
  REQUIRE(f.load());
  for (const char *method : {"REGISTER", "INVITE"}) {
    CAPTURE(method);
    auto req = AuthFixture::request(method, "1003");
    CHECK(f.run(*req) == LS_VERDICT_CONTINUE);
    CHECK(req->responses.empty());
    CHECK(req->attributes["auth.device_id"] == "dev-1003");
    CHECK(req->attributes.count("auth.user") == 0);
  }
}

TEST_CASE("an unknown user is challenged exactly like a known one") {
  AuthFixture f;
  REQUIRE(f.load());
  auto unknown = AuthFixture::request("REGISTER", "9999");
  auto known = AuthFixture::request("REGISTER", "1001");
  f.run(*unknown);
  f.run(*known);
  REQUIRE(unknown->final_response() != nullptr);
  CHECK(unknown->status() == known->status());
  REQUIRE(headers_of(*unknown).size() == headers_of(*known).size());
  auto without_nonce = [](std::string value) {
    const std::string nonce = challenge_param(value, "nonce");
    return value.replace(value.find(nonce), nonce.size(), "NONCE");
  };
  for (size_t i = 0; i < headers_of(*known).size(); ++i) {
    CHECK(without_nonce(headers_of(*unknown)[i].second) ==
          without_nonce(headers_of(*known)[i].second));
  }
}

TEST_CASE("the module refuses to load without the directory provider") {
  lineside::testing::FakeHost host;
  CHECK_FALSE(host.load(&auth_descriptor(), lineside::testing::delete_module_base));
  CHECK(host.load_error().find("lineside.directory") != std::string::npos);
}
