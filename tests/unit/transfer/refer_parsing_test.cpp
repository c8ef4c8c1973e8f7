// tests/unit/transfer/refer_parsing_test.cpp: Refer-To, Replaces, Referred-By and escape parsing.
#include <doctest/doctest.h>

#include "refer_to.hpp"
#include "referred_by.hpp"
#include "replaces.hpp"
#include "uri_text.hpp"

using namespace lineside::transfer;

TEST_CASE("percent_decode decodes escapes and refuses malformed or control ones") {
  CHECK(percent_decode("abc%3Bto-tag%3DX") == std::optional<std::string>("abc;to-tag=X"));
  CHECK(percent_decode("%40%2a") == std::optional<std::string>("@*"));
  CHECK_FALSE(percent_decode("bad%3").has_value());
  CHECK_FALSE(percent_decode("bad%zz").has_value());
  CHECK_FALSE(percent_decode("cr%0Dlf").has_value());
  CHECK_FALSE(percent_decode("nul%00").has_value());
}

TEST_CASE("a name-addr Refer-To gives its user, host and no Replaces") {
  ReferToParse p = parse_refer_to("\"Carol <3>\" <sip:1003@PBX.test:5060;transport=udp>;x=1");
  REQUIRE(p.target);
  CHECK(p.target->scheme == "sip");
  CHECK(p.target->user == "1003");
  CHECK(p.target->host == "pbx.test");
  CHECK(p.target->method.empty());
  CHECK_FALSE(p.target->replaces);
}

TEST_CASE("an addr-spec Refer-To stops at its header parameters") {
  ReferToParse p = parse_refer_to("sips:1004@127.0.0.1;foo=bar");
  REQUIRE(p.target);
  CHECK(p.target->scheme == "sips");
  CHECK(p.target->user == "1004");
  CHECK(p.target->host == "127.0.0.1");
}

TEST_CASE("the Replaces URI header is unescaped and the method parameter read") {
  ReferToParse p = parse_refer_to(
      "<sip:1003@pbx.test;method=INVITE?Require=replaces&Replaces=abc%40host%3Bto-tag%3Dsrv%3Bfrom-"
      "tag%3Dph>");
  REQUIRE(p.target);
  CHECK(p.target->method == "invite");
  REQUIRE(p.target->replaces);
  CHECK(*p.target->replaces == "abc@host;to-tag=srv;from-tag=ph");
}

TEST_CASE("an IPv6 host keeps its brackets") {
  ReferToParse p = parse_refer_to("<sip:1003@[::1]:5060>");
  REQUIRE(p.target);
  CHECK(p.target->host == "[::1]");
}

TEST_CASE("malformed Refer-To values are refused with a reason") {
  CHECK(parse_refer_to("<tel:+15551234>").error == "Refer-To Is Not A SIP URI");
  CHECK(parse_refer_to("<http://evil.example/>").error == "Refer-To Is Not A SIP URI");
  CHECK(parse_refer_to("<sip:1003@pbx.test").error == "Malformed Refer-To");
  CHECK(parse_refer_to("").error == "Malformed Refer-To");
  CHECK(parse_refer_to("\"unterminated <sip:1@x>").error == "Malformed Refer-To");
  CHECK(parse_refer_to("<sip:1003@>").error == "Malformed Refer-To Host");
  CHECK(parse_refer_to("<sip:%0D%0A@pbx.test>").error == "Malformed Refer-To User");
  CHECK(parse_refer_to("<sip:1@x?Replaces=a&Replaces=b>").error == "Refer-To Has Two Replaces");
  CHECK(parse_refer_to("<sip:1@x?Replaces=a%3>").error == "Malformed Replaces In Refer-To");
  CHECK(parse_refer_to("<sip:" + std::string(2000, '1') + "@x>").error == "Refer-To Too Long");
  CHECK(parse_refer_to("sip:1@x, sip:2@y").error == "Malformed Refer-To");
}

TEST_CASE("Replaces gives the Call-ID and both tags in any order") {
  auto r = parse_replaces("abc@host;from-tag=ph;to-tag=srv;early-only");
  REQUIRE(r);
  CHECK(r->call_id == "abc@host");
  CHECK(r->to_tag == "srv");
  CHECK(r->from_tag == "ph");
  CHECK(r->early_only);
}

TEST_CASE("Replaces without a tag, with a repeated tag or an empty Call-ID is refused") {
  CHECK_FALSE(parse_replaces("abc;to-tag=x"));
  CHECK_FALSE(parse_replaces("abc;from-tag=y"));
  CHECK_FALSE(parse_replaces(";to-tag=x;from-tag=y"));
  CHECK_FALSE(parse_replaces("abc;to-tag=x;to-tag=z;from-tag=y"));
  CHECK_FALSE(parse_replaces("abc;to-tag=;from-tag=y"));
  CHECK_FALSE(parse_replaces("abc;to-tag=x;from-tag=y" + std::string(600, 'z')));
}

TEST_CASE("Referred-By values are checked and built with escaped display names") {
  CHECK(valid_referred_by("<sip:1002@pbx.test>"));
  CHECK(valid_referred_by("\"Bob\" <sips:1002@pbx.test>;cid=x"));
  CHECK(valid_referred_by("sip:1002@pbx.test"));
  CHECK_FALSE(valid_referred_by("<tel:1002>"));
  CHECK_FALSE(valid_referred_by("<sip:1002@pbx.test"));
  CHECK_FALSE(valid_referred_by("<sip:1002@pbx.test>\r\nX-Evil: 1"));
  CHECK_FALSE(valid_referred_by(""));
  CHECK(build_referred_by("1002", "", "pbx.test") == "<sip:1002@pbx.test>");
  CHECK(build_referred_by("1002", "Bob \"B\"", "pbx.test") ==
        "\"Bob \\\"B\\\"\" <sip:1002@pbx.test>");
}
