// tests/unit/srtp/crypto_suite_test.cpp: suite names, key sizes and availability.
#include "core/crypto_suite.hpp"

#include <doctest/doctest.h>

using namespace lineside::srtp;

TEST_CASE("suite names are the RFC 4568 / RFC 7714 names and map back") {
  CHECK(std::string_view(suite_name(Suite::aes_cm_128_hmac_sha1_80)) == "AES_CM_128_HMAC_SHA1_80");
  CHECK(std::string_view(suite_name(Suite::aes_cm_128_hmac_sha1_32)) == "AES_CM_128_HMAC_SHA1_32");
  CHECK(std::string_view(suite_name(Suite::aead_aes_128_gcm)) == "AEAD_AES_128_GCM");
  for (Suite suite : kAllSuites) CHECK(suite_from_name(suite_name(suite)) == suite);
  CHECK(suite_from_name("aes_cm_128_hmac_sha1_80") == Suite::aes_cm_128_hmac_sha1_80);
}

TEST_CASE("names that are not a suite we key are refused") {
  CHECK_FALSE(suite_from_name(""));
  CHECK_FALSE(suite_from_name("AES_CM_128_HMAC_SHA1"));
  CHECK_FALSE(suite_from_name("AES_CM_128_HMAC_SHA1_800"));
  CHECK_FALSE(suite_from_name("AES_CM_128_HMAC_SHA1_80 "));
  CHECK_FALSE(suite_from_name("F8_128_HMAC_SHA1_80"));
  CHECK_FALSE(suite_from_name("AES_256_CM_HMAC_SHA1_80"));
  CHECK_FALSE(suite_from_name("AEAD_AES_256_GCM"));
  CHECK_FALSE(suite_from_name(std::string_view("AES_CM_128_HMAC_SHA1_80\0", 24)));
}

TEST_CASE("master key and salt lengths") {
  CHECK(master_key_salt_len(Suite::aes_cm_128_hmac_sha1_80) == 30);
  CHECK(master_key_salt_len(Suite::aes_cm_128_hmac_sha1_32) == 30);
  CHECK(master_key_salt_len(Suite::aead_aes_128_gcm) == 28);
  CHECK(rtp_auth_tag_len(Suite::aes_cm_128_hmac_sha1_80) == 10);
  CHECK(rtp_auth_tag_len(Suite::aes_cm_128_hmac_sha1_32) == 4);
  CHECK(rtp_auth_tag_len(Suite::aead_aes_128_gcm) == 16);
}

TEST_CASE("the AES_CM suites are always available") {
  CHECK(suite_available(Suite::aes_cm_128_hmac_sha1_80));
  CHECK(suite_available(Suite::aes_cm_128_hmac_sha1_32));
  // Debian's libsrtp2 2.5 is built with GCM (on NSS); the probe must find it there.
  MESSAGE("AEAD_AES_128_GCM available: " << suite_available(Suite::aead_aes_128_gcm));
}
