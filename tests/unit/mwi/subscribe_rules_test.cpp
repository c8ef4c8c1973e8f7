// tests/unit/mwi/subscribe_rules_test.cpp: Event, Accept and Expires rules, URI and list helpers.
#include <doctest/doctest.h>

#include "subscribe_input.hpp"

using namespace lineside::mwi;

TEST_CASE("Event header: package lower-cased, id parameter kept, junk refused") {
  auto e = parse_event_header("Message-Summary ; id=42");
  REQUIRE(e);
  CHECK(e->package == "message-summary");
  CHECK(e->id == "42");
  CHECK(parse_event_header("message-summary")->id.empty());
  CHECK(parse_event_header("presence;foo=bar")->package == "presence");
  CHECK_FALSE(parse_event_header(""));
  CHECK_FALSE(parse_event_header("message summary"));
  CHECK_FALSE(parse_event_header("message-summary;id=<x>"));
  CHECK_FALSE(parse_event_header("message-summary;=1"));
}

TEST_CASE("Accept: absent or covering the summary type passes; other types alone fail") {
  CHECK(accepts_message_summary({}));
  CHECK(accepts_message_summary({"application/simple-message-summary"}));
  CHECK(accepts_message_summary({"text/plain, Application/Simple-Message-Summary;q=0.5"}));
  CHECK(accepts_message_summary({"application/*"}));
  CHECK(accepts_message_summary({"*/*"}));
  CHECK(accepts_message_summary({""}));
  CHECK_FALSE(accepts_message_summary({"application/pidf+xml"}));
  CHECK_FALSE(accepts_message_summary({"text/plain", "application/sdp"}));
}

TEST_CASE("Expires: absent, digits, huge values saturate, anything else is malformed") {
  CHECK_FALSE(parse_expires(nullptr).present);
  auto v = parse_expires(" 3600 ");
  CHECK(v.present);
  CHECK(v.valid);
  CHECK(v.seconds == 3600);
  auto huge = parse_expires("99999999999999999999999999");
  CHECK(huge.valid);
  CHECK(huge.seconds == INT64_MAX);
  CHECK_FALSE(parse_expires("-1").valid);
  CHECK_FALSE(parse_expires("60s").valid);
  CHECK_FALSE(parse_expires("").valid);
}

TEST_CASE("expiry rules: default, clamp to max, 423 below min, 0 ends") {
  MwiSettings s;
  s.min_expires = 60;
  s.default_expires = 3600;
  s.max_expires = 7200;
  CHECK(decide_expires(ExpiresValue{}, s).granted == 3600);
  CHECK(decide_expires(ExpiresValue{true, true, 0}, s).status == 0);
  CHECK(decide_expires(ExpiresValue{true, true, 0}, s).granted == 0);
  const auto brief = decide_expires(ExpiresValue{true, true, 59}, s);
  CHECK(brief.status == 423);
  CHECK(brief.granted == 60);
  CHECK(decide_expires(ExpiresValue{true, true, 60}, s).granted == 60);
  CHECK(decide_expires(ExpiresValue{true, true, INT64_MAX}, s).granted == 7200);
}

TEST_CASE("URI host and port, header lists") {
  CHECK(uri_hostport("sip:1001@127.0.0.1:5060;transport=tcp") == "127.0.0.1:5060");
  CHECK(uri_hostport("sip:pbx.test") == "pbx.test");
  CHECK(uri_hostport("sips:[::1]:5061") == "[::1]:5061");
  CHECK(uri_hostport("nonsense").empty());
  const auto items = split_header_list("<sip:a;lr>, \"x, y\" <sip:b>,<sip:c,d>");
  REQUIRE(items.size() == 3);
  CHECK(items[0] == "<sip:a;lr>");
  CHECK(items[1] == "\"x, y\" <sip:b>");
  CHECK(items[2] == "<sip:c,d>");
}
