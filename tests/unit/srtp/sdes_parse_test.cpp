// tests/unit/srtp/sdes_parse_test.cpp: a=crypto parse/format round trips and each refusal's reason.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/base64.hpp"
#include "core/sdes_attribute.hpp"

using namespace lineside::srtp;

namespace {

// RFC 4568 §9.1's example key: 40 base64 characters, 30 bytes.
constexpr std::string_view kKey = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

std::string refusal_of(std::string_view value) {
  CryptoParse parsed = parse_crypto(value);
  CHECK_FALSE(parsed.attr);
  CHECK_FALSE(parsed.error.empty());
  // The reason is for logs and SIP responses: it must never carry key material.
  CHECK(parsed.error.find(kKey.substr(0, 12)) == std::string::npos);
  return parsed.error;
}

bool contains(const std::string &text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the RFC 4568 example parses, with its lifetime") {
  CryptoParse parsed =
      parse_crypto("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey) + "|2^20");
  REQUIRE(parsed.attr);
  CHECK(parsed.error.empty());
  CHECK(parsed.attr->tag == 1);
  CHECK(parsed.attr->suite == Suite::aes_cm_128_hmac_sha1_80);
  CHECK(parsed.attr->key_salt == *base64_decode(kKey));
  CHECK(parsed.attr->lifetime == (uint64_t{1} << 20));
}

TEST_CASE("blanks between fields, tabs and a trailing CRLF are tolerated") {
  CryptoParse parsed =
      parse_crypto("  42 \t AES_CM_128_HMAC_SHA1_32   inline:" + std::string(kKey) + " \r\n");
  REQUIRE(parsed.attr);
  CHECK(parsed.attr->tag == 42);
  CHECK(parsed.attr->suite == Suite::aes_cm_128_hmac_sha1_32);
  CHECK_FALSE(parsed.attr->lifetime);
  CHECK(parse_crypto("1 AES_CM_128_HMAC_SHA1_80 INLINE:" + std::string(kKey)).attr);
}

TEST_CASE("format gives the canonical line and parse reads it back, for every suite") {
  for (Suite suite : kAllSuites) {
    if (!suite_available(suite)) continue;
    CAPTURE(suite_name(suite));
    CryptoAttribute attr = generate_crypto(7, suite);
    std::string line = format_crypto(attr);
    CHECK(line ==
          "7 " + std::string(suite_name(suite)) + " inline:" + base64_encode(attr.key_salt));
    CryptoParse parsed = parse_crypto(line);
    REQUIRE(parsed.attr);
    CHECK(parsed.attr->tag == 7);
    CHECK(parsed.attr->suite == suite);
    CHECK(parsed.attr->key_salt == attr.key_salt);
  }
}

TEST_CASE("lifetimes are formatted as 2^n or decimal and read back") {
  CryptoAttribute attr = generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80);
  attr.lifetime = uint64_t{1} << 31;
  CHECK(format_crypto(attr).ends_with("|2^31"));
  CHECK(parse_crypto(format_crypto(attr)).attr->lifetime == attr.lifetime);
  attr.lifetime = 1000;
  CHECK(format_crypto(attr).ends_with("|1000"));
  CHECK(parse_crypto(format_crypto(attr)).attr->lifetime == 1000);
  CHECK(parse_crypto("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey) + "|2^48").attr);
  CHECK(parse_crypto("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey) + "|281474976710656")
            .attr);
}

TEST_CASE("generate gives fresh random keys of the suite's length") {
  std::set<std::vector<uint8_t>> seen;
  for (int i = 0; i < 200; ++i) {
    CryptoAttribute attr = generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80);
    CHECK(attr.key_salt.size() == 30);
    seen.insert(attr.key_salt);
  }
  CHECK(seen.size() == 200);
  CHECK(generate_crypto(3, Suite::aead_aes_128_gcm).key_salt.size() == 28);
}

TEST_CASE("missing fields are refused") {
  CHECK(contains(refusal_of(""), "empty"));
  CHECK(contains(refusal_of(" \r\n"), "empty"));
  CHECK(contains(refusal_of("1"), "no crypto-suite"));
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80"), "no key-params"));
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 inline:"), "inline key is 0 bytes"));
}

TEST_CASE("tags outside 1..999999999 are refused") {
  std::string rest = " AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey);
  for (const char *tag : {"0", "1000000000", "0000000001", "-1", "+1", "abc", "1a", "4294967297"}) {
    CAPTURE(tag);
    CHECK(contains(refusal_of(tag + rest), "tag must be a number from 1 to 999999999"));
  }
  CHECK(parse_crypto("999999999" + rest).attr->tag == 999999999);
}

TEST_CASE("unknown suites are refused, naming the suite") {
  std::string error = refusal_of("1 F8_128_HMAC_SHA1_80 inline:" + std::string(kKey));
  CHECK(contains(error, "unknown crypto-suite 'F8_128_HMAC_SHA1_80'"));
  error = refusal_of("1 " + std::string(500, 'X') + " inline:" + std::string(kKey));
  CHECK(error.size() < 100);  // the echoed name is bounded
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80\x01 inline:" + std::string(kKey)),
                 "'AES_CM_128_HMAC_SHA1_80?'"));
}

TEST_CASE("keys that are not base64 or have the wrong length are refused") {
  CHECK(
      contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0m!Xtx"),
               "inline key is not valid base64"));
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey.substr(0, 32))),
                 "inline key is 24 bytes, AES_CM_128_HMAC_SHA1_80 needs 30"));
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey) + "AAAA"),
                 "inline key is 33 bytes"));
  if (suite_available(Suite::aead_aes_128_gcm)) {
    CHECK(contains(refusal_of("1 AEAD_AES_128_GCM inline:" + std::string(kKey)),
                   "inline key is 30 bytes, AEAD_AES_128_GCM needs 28"));
  }
}

TEST_CASE("key methods other than inline, and several key-params, are refused") {
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 uri:http://example.com/key"),
                 "key method must be inline:"));
  CHECK(contains(refusal_of("1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey) +
                            ";inline:" + std::string(kKey)),
                 "multiple key-params not supported"));
}

TEST_CASE("an MKI is refused clearly") {
  std::string key = "1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey);
  CHECK(refusal_of(key + "|1:4") == "MKI not supported");
  CHECK(refusal_of(key + "|2^20|1:4") == "MKI not supported");
  CHECK(contains(refusal_of(key + "|2^20|2^20"), "second lifetime"));
  CHECK(contains(refusal_of(key + "|2^20|1:4|x"), "too many '|' fields"));
}

TEST_CASE("lifetimes outside 1..2^48 or not numbers are refused") {
  std::string key = "1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey);
  CHECK(contains(refusal_of(key + "|2^49"), "2^49 exceeds the SRTP limit of 2^48"));
  CHECK(contains(refusal_of(key + "|281474976710657"), "exceeds the SRTP limit"));
  CHECK(contains(refusal_of(key + "|99999999999999999999999"), "exceeds the SRTP limit"));
  CHECK(contains(refusal_of(key + "|0"), "at least 1"));
  CHECK(contains(refusal_of(key + "|2^"), "not a number"));
  CHECK(contains(refusal_of(key + "|"), "not a number"));
  CHECK(contains(refusal_of(key + "|2^-1"), "not a number"));
  CHECK(contains(refusal_of(key + "|1e9"), "not a number"));
}

TEST_CASE("session parameters are refused, naming the parameter") {
  std::string key = "1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey);
  CHECK(refusal_of(key + " UNENCRYPTED_SRTP") ==
        "session parameters not supported ('UNENCRYPTED_SRTP')");
  CHECK(contains(refusal_of(key + " KDR=1"), "('KDR')"));
  CHECK(contains(refusal_of(key + " FEC_ORDER=FEC_SRTP UNAUTHENTICATED_SRTP"), "('FEC_ORDER')"));
}

TEST_CASE("overlong values are refused unread") {
  std::string key = "1 AES_CM_128_HMAC_SHA1_80 inline:" + std::string(kKey);
  std::string padded = key + std::string(kMaxCryptoValueLen - key.size(), ' ');
  CHECK(parse_crypto(padded).attr);
  CHECK(contains(refusal_of(padded + " "), "longer than 1024 bytes"));
  CHECK(contains(refusal_of(std::string(1 << 20, '1')), "longer than 1024 bytes"));
}
