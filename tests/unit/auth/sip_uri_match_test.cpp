// tests/unit/auth/sip_uri_match_test.cpp: loose digest-uri / Request-URI comparison.
#include <doctest/doctest.h>

#include "sip_uri_match.hpp"

using namespace lineside::auth;

TEST_CASE("equal targets match despite case, default port, parameters and brackets") {
  CHECK(sip_uris_match("sip:pbx.test", "sip:pbx.test"));
  CHECK(sip_uris_match("sip:PBX.Test", "sip:pbx.test"));
  CHECK(sip_uris_match("SIP:pbx.test:5060", "sip:pbx.test"));
  CHECK(sip_uris_match("sip:pbx.test;transport=tcp", "sip:pbx.test"));
  CHECK(sip_uris_match("<sip:2000@pbx.test>", "sip:2000@pbx.test:5060;user=phone"));
  CHECK(sip_uris_match("sips:pbx.test:5061", "sips:pbx.test"));
  CHECK(sip_uris_match("sip:2000@[2001:DB8::1]:5060", "sip:2000@[2001:db8::1]"));
  CHECK(sip_uris_match("sip:2000:pw@pbx.test", "sip:2000@pbx.test"));
}

TEST_CASE("different targets do not match") {
  CHECK_FALSE(sip_uris_match("sip:pbx.test:5070", "sip:pbx.test"));
  CHECK_FALSE(sip_uris_match("sip:2001@pbx.test", "sip:2000@pbx.test"));
  CHECK_FALSE(sip_uris_match("sip:pbx.test", "sip:2000@pbx.test"));
  CHECK_FALSE(sip_uris_match("sips:pbx.test", "sip:pbx.test"));
  CHECK_FALSE(sip_uris_match("sip:other.test", "sip:pbx.test"));
  CHECK_FALSE(sip_uris_match("sip:pbx.test:5061", "sips:pbx.test:5060"));
}

TEST_CASE("unparsable URIs never match") {
  CHECK_FALSE(sip_uris_match("/dir/index.html", "sip:pbx.test"));
  CHECK_FALSE(sip_uris_match("tel:+15551234", "tel:+15551234"));
  CHECK_FALSE(sip_uris_match("sip:", "sip:"));
  CHECK_FALSE(sip_uris_match("sip:pbx.test:", "sip:pbx.test"));
  CHECK_FALSE(sip_uris_match("sip:pbx.test:99999", "sip:pbx.test:99999"));
  CHECK_FALSE(sip_uris_match("sip:[::1", "sip:[::1"));
  CHECK_FALSE(sip_uris_match("sip:pb x.test", "sip:pb x.test"));
  const auto parts = parse_sip_uri("sip:Alice@Example.COM:5070;lr");
  REQUIRE(parts.has_value());
  CHECK(parts->user == "Alice");
  CHECK(parts->host == "example.com");
  CHECK(parts->port == 5070);
}
