// tests/unit/mwi/codec_test.cpp: store records (mailboxes, subscriptions) and the summary body.
#include <doctest/doctest.h>

#include "mailbox_state.hpp"
#include "record_codec.hpp"
#include "subscription.hpp"

using namespace lineside::mwi;

TEST_CASE("message-summary body follows RFC 3842") {
  CHECK(message_summary_body({2, 8, 0, 2}, "sip:7001@pbx.test") ==
        "Messages-Waiting: yes\r\nMessage-Account: sip:7001@pbx.test\r\nVoice-Message: 2/8 "
        "(0/2)\r\n");
  CHECK(
      message_summary_body({0, 3, 0, 0}, message_account_uri("1001", "pbx.test")) ==
      "Messages-Waiting: no\r\nMessage-Account: sip:1001@pbx.test\r\nVoice-Message: 0/3 (0/0)\r\n");
}

TEST_CASE("mailbox names: 1-20 digits, * or #") {
  CHECK(valid_mailbox_name("1001"));
  CHECK(valid_mailbox_name("*97#"));
  CHECK(valid_mailbox_name("12345678901234567890"));
  CHECK_FALSE(valid_mailbox_name(""));
  CHECK_FALSE(valid_mailbox_name("123456789012345678901"));
  CHECK_FALSE(valid_mailbox_name("10a1"));
  CHECK_FALSE(valid_mailbox_name("../x"));
}

TEST_CASE("records escape newlines and backslashes and refuse damage") {
  const std::string rec = RecordWriter("h 1").text("a", "x\ny\\z\r").number("n", -5).str();
  auto r = RecordReader::parse(rec, "h 1");
  REQUIRE(r);
  CHECK(r->text("a") == "x\ny\\z\r");
  CHECK(r->number("n", -10, 10) == -5);
  CHECK_FALSE(r->number("n", 0, 10));
  CHECK_FALSE(r->text("missing"));
  CHECK_FALSE(RecordReader::parse(rec, "h 2"));
  CHECK_FALSE(RecordReader::parse("h 1\nbad line\n", "h 1"));
  CHECK_FALSE(RecordReader::parse("h 1\na=\\q\n", "h 1"));
  CHECK_FALSE(RecordReader::parse("h 1\na=1", "h 1"));
}

TEST_CASE("mailbox records round-trip and are checked") {
  MailboxRecord m{{3, 4, 1, 2}, 1700000000};
  const std::string value = encode_mailbox("7001", m);
  auto back = decode_mailbox("7001", value);
  REQUIRE(back);
  CHECK(back->counts == m.counts);
  CHECK(back->updated_at == 1700000000);
  CHECK_FALSE(decode_mailbox("7002", value));  // key and record disagree
  CHECK_FALSE(decode_mailbox(
      "7001", encode_mailbox("7001", MailboxRecord{{1, 0, 2, 0}, 1})));  // urgent > new
  CHECK_FALSE(decode_mailbox("7001", "garbage"));
}

TEST_CASE("subscription records round-trip") {
  Subscription s;
  s.id = "mwiabc";
  s.call_id = "c1@phone";
  s.remote_tag = "rt";
  s.remote_party = "<sip:1001@pbx.test>;tag=rt";
  s.local_party = "<sip:1001@pbx.test>;tag=mwiabc";
  s.remote_target = "sip:1001@192.0.2.10:5062";
  s.route_set = {"<sip:proxy.example;lr>", "<sip:p2.example;lr>"};
  s.event_id = "7";
  s.local_cseq = 4;
  s.remote_cseq = 9;
  s.device_id = "dev-1001";
  s.device_user = "1001";
  s.mailbox = "7001";
  s.follows_device = false;
  s.transport = LS_TRANSPORT_TLS;
  s.source_addr = "192.0.2.10";
  s.source_port = 40000;
  s.created_at = 100;
  s.expires_at = 3700;
  s.flow = 99;  // never stored
  auto back = decode_subscription("mwiabc", encode_subscription(s));
  REQUIRE(back);
  CHECK(back->remote_party == s.remote_party);
  CHECK(back->route_set == s.route_set);
  CHECK(back->event_id == "7");
  CHECK(back->local_cseq == 4);
  CHECK(back->remote_cseq == 9);
  CHECK_FALSE(back->follows_device);
  CHECK(back->transport == LS_TRANSPORT_TLS);
  CHECK(back->expires_at == 3700);
  CHECK(back->flow == 0);
  CHECK_FALSE(decode_subscription("other", encode_subscription(s)));
  s.mailbox = "x";
  CHECK_FALSE(decode_subscription("mwiabc", encode_subscription(s)));
}
