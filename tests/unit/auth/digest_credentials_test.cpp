// tests/unit/auth/digest_credentials_test.cpp: the Digest credentials parser: good headers, edge
// cases, hostile input, and a bounded random-input loop.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "credentials_selection.hpp"
#include "digest_credentials.hpp"

using namespace lineside::auth;

namespace {

const std::string kGood =
    "Digest username=\"1001\", realm=\"pbx.test\", nonce=\"abc\", uri=\"sip:pbx.test\", "
    "response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, qop=auth, nc=00000001, "
    "cnonce=\"xyz\", opaque=\"op\"";

}  // namespace

TEST_CASE("a well-formed header yields every parameter, unquoted") {
  const auto r = parse_digest_credentials(kGood);
  REQUIRE(r.credentials.has_value());
  CHECK(r.error.empty());
  CHECK(r.credentials->username == "1001");
  CHECK(r.credentials->realm == "pbx.test");
  CHECK(r.credentials->nonce == "abc");
  CHECK(r.credentials->uri == "sip:pbx.test");
  CHECK(r.credentials->response == "0123456789abcdef0123456789abcdef");
  CHECK(r.credentials->algorithm == "MD5");
  CHECK(r.credentials->qop == "auth");
  CHECK(r.credentials->has_qop);
  CHECK(r.credentials->nc == "00000001");
  CHECK(r.credentials->cnonce == "xyz");
  CHECK(r.credentials->opaque == "op");
}

TEST_CASE("scheme and names are case-insensitive; blanks, empty elements and escapes are fine") {
  const auto r = parse_digest_credentials(
      "  dIgEsT   USERNAME = \"a\\\"b\" ,, Realm=\"pbx.test\",\tNonce=n, URI=\"sip:x\", "
      "Response=\"r\", qop=\"auth\", extension=\"ignored\",");
  REQUIRE(r.credentials.has_value());
  CHECK(r.credentials->username == "a\"b");
  CHECK(r.credentials->nonce == "n");
  CHECK(r.credentials->qop == "auth");
}

TEST_CASE("a header without qop parses with has_qop false") {
  const auto r = parse_digest_credentials(
      "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"r\"");
  REQUIRE(r.credentials.has_value());
  CHECK_FALSE(r.credentials->has_qop);
  CHECK(r.credentials->algorithm.empty());
}

TEST_CASE("malformed headers are refused, naming the username when they got that far") {
  struct Case {
    std::string header;
    std::string username;
  };
  const Case cases[] = {
      {"", ""},
      {"Basic dXNlcjpwYXNz", ""},
      {"Digest", ""},
      {"Digestusername=\"a\"", ""},
      {"Digest username=\"1001\", realm=\"pbx.test", "1001"},
      {"Digest username=\"1001\", realm=\"pbx.test\", nonce=\"n\", uri=\"u\", response=\"r\", "
       "username=\"1002\"",
       "1001"},
      {"Digest username=\"1001\" realm=\"pbx.test\"", "1001"},
      {"Digest username=\"1001\", realm", "1001"},
      {"Digest username=\"1001\", =\"x\"", "1001"},
      {"Digest username=\"1001\", realm=", "1001"},
      {"Digest username=\"1001\", realm=\"a\x01b\"", "1001"},
      {"Digest username=\"1001\", realm=\"pbx.test\", nonce=\"n\", uri=\"u\"", "1001"},
      {"Digest realm=\"pbx.test\", nonce=\"n\", uri=\"u\", response=\"r\"", ""},
      {"Digest username=\"1001\\", ""},
  };
  for (const Case &c : cases) {
    CAPTURE(c.header);
    const auto r = parse_digest_credentials(c.header);
    CHECK_FALSE(r.credentials.has_value());
    CHECK_FALSE(r.error.empty());
    CHECK(r.username == c.username);
  }
}

TEST_CASE("oversize headers, values and parameter counts are refused") {
  const std::string huge_value(kMaxParameterValueLength + 1, 'a');
  CHECK_FALSE(parse_digest_credentials("Digest username=\"" + huge_value + "\"").credentials);
  CHECK_FALSE(parse_digest_credentials("Digest username=" + huge_value).credentials);
  std::string long_header = kGood + ", pad=\"" + std::string(kMaxCredentialsHeaderLength, 'p') + "\"";
  CHECK(parse_digest_credentials(long_header).error == "header too long");
  std::string many = kGood;
  for (size_t i = 0; i < kMaxParameterCount; ++i) many += ", x" + std::to_string(i) + "=1";
  CHECK(parse_digest_credentials(many).error == "too many parameters");
}

TEST_CASE("userhash=true is reported so the verifier can refuse it") {
  const auto r = parse_digest_credentials(kGood + ", userhash=true");
  REQUIRE(r.credentials.has_value());
  CHECK(r.credentials->userhash);
}

TEST_CASE("credentials for our realm win over others; malformed ones are reported") {
  const std::string other = "Digest username=\"u\", realm=\"elsewhere\", nonce=\"n\", uri=\"sip:x\", response=\"r\"";
  const std::string broken = "Digest username=\"mallory\", realm=\"pbx.test";
  auto chosen = select_credentials({other, kGood}, "pbx.test");
  REQUIRE(chosen.credentials.has_value());
  CHECK(chosen.credentials->realm == "pbx.test");

  chosen = select_credentials({broken, other}, "pbx.test");
  REQUIRE(chosen.credentials.has_value());
  CHECK(chosen.credentials->realm == "elsewhere");
  CHECK(chosen.malformed_username.empty());

  chosen = select_credentials({broken}, "pbx.test");
  CHECK(chosen.present);
  CHECK_FALSE(chosen.credentials.has_value());
  CHECK(chosen.malformed_username == "mallory");

  chosen = select_credentials({}, "pbx.test");
  CHECK_FALSE(chosen.present);
}

TEST_CASE("every truncation of a good header is refused cleanly, never crashes") {
  REQUIRE(parse_digest_credentials(kGood).credentials.has_value());
  const size_t last_required_end = kGood.find("\", algorithm");
  for (size_t length = 0; length < kGood.size(); ++length) {
    CAPTURE(length);
    const auto r = parse_digest_credentials(std::string_view(kGood).substr(0, length));
    CHECK(r.credentials.has_value() == r.error.empty());
    if (length <= last_required_end) CHECK_FALSE(r.credentials.has_value());
  }
}

TEST_CASE("random bytes and random mutations of a good header never crash the parser") {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 600);
  for (int i = 0; i < 5000; ++i) {
    std::string noise(length(rng), '\0');
    for (char &c : noise) c = static_cast<char>(byte(rng));
    if (i % 2 == 0) noise = "Digest " + noise;
    const auto r = parse_digest_credentials(noise);
    CHECK(r.credentials.has_value() == r.error.empty());
  }
  for (int i = 0; i < 5000; ++i) {
    std::string mutated = kGood;
    std::uniform_int_distribution<size_t> where(0, mutated.size() - 1);
    for (int flips = 0; flips < 3; ++flips) mutated[where(rng)] = static_cast<char>(byte(rng));
    const auto r = parse_digest_credentials(mutated);
    CHECK(r.credentials.has_value() == r.error.empty());
  }
}
