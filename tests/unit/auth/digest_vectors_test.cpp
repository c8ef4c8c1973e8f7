// tests/unit/auth/digest_vectors_test.cpp: published digest test vectors (RFC 2617, RFC 7616) and
// hashing helpers.
#include <doctest/doctest.h>

#include "digest_algorithm.hpp"
#include "digest_response.hpp"

using namespace lineside::auth;

TEST_CASE("RFC 2617 section 3.5: Mufasa, MD5, qop=auth") {
  const std::string ha1 = compute_ha1(DigestAlgorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
  CHECK(ha1 == "939e7578ed9e3c518a452acee763bce9");
  const std::string response = compute_response(DigestResponseInputs{
      DigestAlgorithm::md5, ha1, "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      "00000001", "0a4f113b", "auth"});
  CHECK(response == "6629fae49393a05397450978507c4ef1");
}

TEST_CASE("RFC 7616 section 3.9.1: MD5 and SHA-256") {
  const char *realm = "http-auth@example.org";
  const char *nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  const char *cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  auto response_for = [&](DigestAlgorithm algorithm) {
    const std::string ha1 = compute_ha1(algorithm, "Mufasa", realm, "Circle of Life");
    return compute_response(DigestResponseInputs{algorithm, ha1, "GET", "/dir/index.html", nonce,
                                                 "00000001", cnonce, "auth"});
  };
  CHECK(response_for(DigestAlgorithm::md5) == "8ca523f5e9506fed4657c9700eebdbec");
  CHECK(response_for(DigestAlgorithm::sha256) ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST_CASE("algorithm names parse case-insensitively and nothing else parses") {
  CHECK(parse_algorithm("MD5") == DigestAlgorithm::md5);
  CHECK(parse_algorithm("md5") == DigestAlgorithm::md5);
  CHECK(parse_algorithm("sha-256") == DigestAlgorithm::sha256);
  CHECK_FALSE(parse_algorithm("SHA-512").has_value());
  CHECK_FALSE(parse_algorithm("MD5-sess").has_value());
  CHECK_FALSE(parse_algorithm("").has_value());
  CHECK(algorithm_name(DigestAlgorithm::sha256) == "SHA-256");
  CHECK(hex_digest_length(DigestAlgorithm::md5) == 32);
  CHECK(hex_digest_length(DigestAlgorithm::sha256) == 64);
}

TEST_CASE("hex hashes of the empty string and constant-time comparison") {
  CHECK(hex_hash(DigestAlgorithm::md5, "") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex_hash(DigestAlgorithm::sha256, "") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
  CHECK(constant_time_equal("", ""));
}
