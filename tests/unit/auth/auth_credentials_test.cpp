// tests/unit/auth/auth_credentials_test.cpp: answers to challenges, end to end: success, wrong
// passwords, unknown users, identity mismatches, stale and forged nonces, replays, digest uri.
#include <doctest/doctest.h>

#include "auth_test_support.hpp"

using namespace lineside::auth;
using namespace lineside::auth::test;

TEST_CASE("a correct SHA-256 answer to a REGISTER challenge is accepted and annotated") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER");
  REQUIRE_FALSE(answer.nonce.empty());
  auto req = f.send(answer, "1001");
  CHECK(req->hooks_run.back().verdict == LS_VERDICT_CONTINUE);
  CHECK(req->responses.empty());
  CHECK(req->attributes["auth.user"] == "1001");
  CHECK(req->attributes["auth.device_id"] == "dev-1001");
  CHECK(req->attributes["auth.algorithm"] == "SHA-256");
  CHECK(f.host.counter("successes") == 1);
  CHECK(f.host.counter("failures") == 0);
}

TEST_CASE("MD5 answers and INVITE answers in Proxy-Authorization are accepted") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer md5 = f.answer_for("REGISTER");
  md5.algorithm = DigestAlgorithm::md5;
  auto reg = f.send(md5, "1001");
  CHECK(reg->responses.empty());
  CHECK(reg->attributes["auth.algorithm"] == "MD5");

  const DigestAnswer invite = f.answer_for("INVITE");
  auto call = f.send(invite, "1001");
  CHECK(call->responses.empty());
  CHECK(call->attributes["auth.user"] == "1001");
}

TEST_CASE("credentials in the wrong header are not looked at") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("INVITE");
  auto req = AuthFixture::request("INVITE", "1001");
  req->add_header("Authorization", answer.header());
  f.run(*req);
  CHECK(req->status() == 407);
}

TEST_CASE("a wrong password is refused with 403 and counted") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  answer.password = "guess";
  auto req = f.send(answer, "1001");
  CHECK(req->status() == 403);
  CHECK(f.host.counter("failures") == 1);
  CHECK(req->attributes.count("auth.user") == 0);
}

TEST_CASE("an unknown user who answers the challenge is refused with 403 and counted") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER", "9999", "whatever");
  auto req = f.send(answer, "9999");
  CHECK(req->status() == 403);
  CHECK(f.host.counter("failures") == 1);
}

TEST_CASE("a device may not register or call as someone else") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer reg = f.answer_for("REGISTER");
  auto as_alice = f.send(reg, "alice");
  CHECK(as_alice->status() == 403);

  const DigestAnswer invite = f.answer_for("INVITE");
  auto call = AuthFixture::request("INVITE", "1002");
  call->add_header("Proxy-Authorization", invite.header());
  f.run(*call);
  CHECK(call->status() == 403);
  CHECK(f.host.counter("failures") == 2);
}

TEST_CASE("a device may register its main DN as AoR") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER", "alice", "secret-alice");
  auto req = f.send(answer, "1002");
  CHECK(req->responses.empty());
  CHECK(req->attributes["auth.device_id"] == "dev-1002");
}

TEST_CASE("credentials for another realm get a new challenge and count as a failure") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  answer.realm = "elsewhere.test";
  auto req = f.send(answer, "1001");
  CHECK(req->status() == 401);
  CHECK(f.host.counter("failures") == 1);
}

TEST_CASE("an expired nonce gets stale=true only when the response is right") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  f.host.advance(300'001);
  auto right = f.send(answer, "1001");
  CHECK(right->status() == 401);
  REQUIRE(headers_of(*right).size() == 2);
  for (const auto &[name, value] : headers_of(*right)) {
    CHECK(challenge_param(value, "stale") == "true");
  }
  CHECK(f.host.counter("stale") == 1);
  CHECK(f.host.counter("failures") == 0);

  answer.password = "guess";
  answer.nc = "00000002";
  auto wrong = f.send(answer, "1001");
  CHECK(wrong->status() == 403);
  CHECK(f.host.counter("stale") == 1);
}

TEST_CASE("the nonce lifetime is configurable") {
  AuthFixture f;
  f.host.config().set("nonce_lifetime", "20s");
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER");
  f.host.advance(20'001);
  auto req = f.send(answer, "1001");
  CHECK(req->status() == 401);
  CHECK(f.host.counter("stale") == 1);
}

TEST_CASE("a forged or garbled nonce just gets a new challenge") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  answer.nonce[10] = answer.nonce[10] == 'x' ? 'y' : 'x';
  auto tampered = f.send(answer, "1001");
  CHECK(tampered->status() == 401);
  REQUIRE_FALSE(headers_of(*tampered).empty());
  CHECK(challenge_param(headers_of(*tampered)[0].second, "stale").empty());

  answer.nonce = "made-up";
  auto made_up = f.send(answer, "1001");
  CHECK(made_up->status() == 401);

  AuthFixture other;
  REQUIRE(other.load());
  answer.nonce = other.fetch_nonce();
  auto foreign = f.send(answer, "1001");
  CHECK(foreign->status() == 401);
  CHECK(f.host.counter("failures") == 0);
  CHECK(f.host.counter("successes") == 0);
}

TEST_CASE("a replayed nonce count is refused with a new challenge and counted") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  CHECK(f.send(answer, "1001")->responses.empty());
  auto replay = f.send(answer, "1001");
  CHECK(replay->status() == 401);
  CHECK(f.host.counter("failures") == 1);
  answer.nc = "00000002";
  CHECK(f.send(answer, "1001")->responses.empty());
  CHECK(f.host.counter("successes") == 2);
}

TEST_CASE("an answer without qop is refused with a new challenge") {
  AuthFixture f;
  REQUIRE(f.load());
  const DigestAnswer answer = f.answer_for("REGISTER");
  std::string header = answer.header();
  header.erase(header.find(", qop=auth"), std::string(", qop=auth").size());
  auto req = AuthFixture::request("REGISTER", "1001");
  req->add_header("Authorization", header);
  f.run(*req);
  CHECK(req->status() == 401);
}

TEST_CASE("the digest uri must match the Request-URI unless verify_uri is false") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  answer.uri = "sip:PBX.TEST:5060;transport=tcp";
  CHECK(f.send(answer, "1001")->responses.empty());
  answer.uri = "sip:elsewhere.test";
  answer.nc = "00000002";
  CHECK(f.send(answer, "1001")->status() == 400);

  AuthFixture lax;
  lax.host.config().set("verify_uri", false);
  REQUIRE(lax.load());
  DigestAnswer other = lax.answer_for("REGISTER");
  other.uri = "sip:elsewhere.test";
  CHECK(lax.send(other, "1001")->responses.empty());
}

TEST_CASE("an algorithm that is not configured is not accepted") {
  AuthFixture f;
  f.host.config().set("algorithms", "[SHA-256]");
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  answer.algorithm = DigestAlgorithm::md5;
  CHECK(f.send(answer, "1001")->status() == 401);
}

TEST_CASE("malformed credentials get a new challenge; a failure only when they name a user") {
  AuthFixture f;
  REQUIRE(f.load());
  auto anonymous = AuthFixture::request("REGISTER", "1001");
  anonymous->add_header("Authorization", "Digest realm=\"pbx.test\", nonce=\"x");
  f.run(*anonymous);
  CHECK(anonymous->status() == 401);
  CHECK(f.host.counter("failures") == 0);

  auto named = AuthFixture::request("REGISTER", "1001");
  named->add_header("Authorization", "Digest username=\"1001\", username=\"1002\"");
  f.run(*named);
  CHECK(named->status() == 401);
  CHECK(f.host.counter("failures") == 1);
}

TEST_CASE("no password material ever reaches the log") {
  AuthFixture f;
  REQUIRE(f.load());
  DigestAnswer answer = f.answer_for("REGISTER");
  f.send(answer, "1001");
  answer.password = "guess";
  answer.nc = "00000002";
  f.send(answer, "1001");
  const std::string ha1 = f.directory.devices().front().ha1_sha256;
  for (const auto &line : f.host.logs()) {
    CAPTURE(line.message);
    CHECK(line.message.find(ha1) == std::string::npos);
    CHECK(line.message.find(answer.response()) == std::string::npos);
    CHECK(line.message.find("secret-1001") == std::string::npos);
  }
  CHECK(f.host.logged("wrong response"));
}
