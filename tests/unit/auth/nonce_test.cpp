// tests/unit/auth/nonce_test.cpp: nonce issuing (forgery, expiry, realm binding), base64url and
// the nonce-count replay table.
#include <doctest/doctest.h>

#include <array>
#include <string>

#include "base64url.hpp"
#include "nonce_count_tracker.hpp"
#include "nonce_issuer.hpp"

using namespace lineside::auth;

TEST_CASE("base64url round-trips every length and refuses what no encoder writes") {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    CAPTURE(n);
    const std::string encoded = base64url_encode(bytes);
    CHECK(encoded.find_first_of("+/=") == std::string::npos);
    CHECK(base64url_decode(encoded) == bytes);
    bytes += static_cast<char>(n * 37 + 250);
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK_FALSE(base64url_decode("abcde").has_value());
  CHECK_FALSE(base64url_decode("ab+/").has_value());
  CHECK_FALSE(base64url_decode("ab==").has_value());
  CHECK_FALSE(base64url_decode("-_9").has_value());
}

TEST_CASE("a nonce is fresh within its lifetime, expired after, and bound to the realm") {
  const NonceIssuer issuer;
  const std::string nonce = issuer.issue(1'000'000, "pbx.test");
  CHECK(nonce.size() == 75);
  auto check = issuer.check(nonce, "pbx.test", 1'000'000 + 300'000, 300'000);
  CHECK(check.status == NonceStatus::fresh);
  CHECK(check.issued_ms == 1'000'000);
  CHECK(issuer.check(nonce, "pbx.test", 1'000'000 + 300'001, 300'000).status == NonceStatus::expired);
  CHECK(issuer.check(nonce, "other.test", 1'000'000, 300'000).status == NonceStatus::forged);
  CHECK(issuer.issue(1'000'000, "pbx.test") != nonce);
}

TEST_CASE("tampered, truncated, foreign and future nonces are forged") {
  const NonceIssuer issuer;
  const std::string nonce = issuer.issue(5'000'000, "pbx.test");
  for (size_t i = 0; i < nonce.size(); ++i) {
    std::string tampered = nonce;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    CAPTURE(i);
    CHECK(issuer.check(tampered, "pbx.test", 5'000'000, 300'000).status == NonceStatus::forged);
  }
  CHECK(issuer.check(nonce.substr(0, 74), "pbx.test", 5'000'000, 300'000).status == NonceStatus::forged);
  CHECK(issuer.check("", "pbx.test", 5'000'000, 300'000).status == NonceStatus::forged);
  CHECK(issuer.check(std::string(75, '!'), "pbx.test", 5'000'000, 300'000).status == NonceStatus::forged);

  const NonceIssuer other;
  CHECK(other.check(nonce, "pbx.test", 5'000'000, 300'000).status == NonceStatus::forged);

  CHECK(issuer.check(nonce, "pbx.test", 5'000'000 - NonceIssuer::kFutureToleranceMs - 1, 300'000).status ==
        NonceStatus::forged);
}

TEST_CASE("a fixed secret and fixed randomness give a reproducible nonce") {
  std::array<unsigned char, NonceIssuer::kSecretBytes> secret{};
  secret.fill(7);
  std::array<unsigned char, NonceIssuer::kRandomBytes> random{};
  const NonceIssuer a(secret);
  const NonceIssuer b(secret);
  CHECK(a.issue_with(42, "pbx.test", random) == b.issue_with(42, "pbx.test", random));
  CHECK(b.check(a.issue_with(42, "pbx.test", random), "pbx.test", 42, 1000).status == NonceStatus::fresh);
}

TEST_CASE("nonce counts must grow; a replay is caught") {
  NonceCountTracker tracker(16);
  CHECK(tracker.accept("n1", 100, 1, 100, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("n1", 100, 1, 101, 300'000) == NonceCountVerdict::replayed);
  CHECK(tracker.accept("n1", 100, 2, 102, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("n1", 100, 1, 103, 300'000) == NonceCountVerdict::replayed);
  CHECK(tracker.accept("n1", 100, 5, 104, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("n2", 100, 1, 105, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.size() == 2);
}

TEST_CASE("entries go when their nonce expires") {
  NonceCountTracker tracker(16);
  CHECK(tracker.accept("old", 0, 1, 0, 1000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("new", 900, 1, 900, 1000) == NonceCountVerdict::accepted);
  tracker.purge_expired(1001, 1000);
  CHECK(tracker.size() == 1);
  tracker.purge_expired(1901, 1000);
  CHECK(tracker.size() == 0);
}

TEST_CASE("a full table evicts the oldest nonce and never lets it be replayed") {
  NonceCountTracker tracker(2);
  CHECK(tracker.accept("a", 10, 1, 30, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("b", 20, 1, 30, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.accept("c", 25, 1, 30, 300'000) == NonceCountVerdict::accepted);
  CHECK(tracker.size() == 2);
  CHECK(tracker.accept("a", 10, 1, 31, 300'000) == NonceCountVerdict::forgotten);
  CHECK(tracker.accept("b", 20, 1, 31, 300'000) == NonceCountVerdict::replayed);
  CHECK(tracker.accept("d", 40, 1, 41, 300'000) == NonceCountVerdict::accepted);
}

TEST_CASE("nc values are 1 to 8 hex digits, not zero") {
  CHECK(parse_nonce_count("00000001") == 1);
  CHECK(parse_nonce_count("0000000A") == 10);
  CHECK(parse_nonce_count("ffffffff") == 0xffffffffu);
  CHECK(parse_nonce_count("1") == 1);
  CHECK(parse_nonce_count("00000000") == 0);
  CHECK(parse_nonce_count("") == 0);
  CHECK(parse_nonce_count("000000001") == 0);
  CHECK(parse_nonce_count("0000000g") == 0);
  CHECK(parse_nonce_count("-1") == 0);
}
