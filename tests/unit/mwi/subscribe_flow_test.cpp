// tests/unit/mwi/subscribe_flow_test.cpp: SUBSCRIBE handling through the fake host: who may
// subscribe to what, the 200 and first NOTIFY, refresh, un-subscribe, expiry, limits,
// retransmissions.
#include <doctest/doctest.h>

#include "mwi_test_support.hpp"

using namespace lineside::mwi;
using namespace lineside::mwi::test;

TEST_CASE("an authenticated SUBSCRIBE gets 200 with our tag, then a NOTIFY with the state") {
  MwiFixture f;
  REQUIRE(f.load());
  auto req = MwiFixture::subscribe("1001");
  CHECK(f.send(*req) == 200);
  const auto *ok = req->final_response();
  CHECK(ok->header("Expires") == "3600");
  CHECK(ok->header("Contact") == "<sip:127.0.0.1:5060>");
  const std::string tag = MwiFixture::our_tag(*req);
  CHECK(tag.rfind("mwi", 0) == 0);
  REQUIRE(f.sent().size() == 1);
  const SentRequest &n = f.sent()[0];
  CHECK(n.method == "NOTIFY");
  CHECK(n.request_uri == "sip:1001@192.0.2.10:5062");
  CHECK(n.from == "<sip:1001@127.0.0.1:5060>;tag=" + tag);
  CHECK(n.to == "<sip:1001@pbx.test>;tag=phone-tag-1001");
  CHECK(n.call_id == "sub-1001@phone");
  CHECK(n.cseq == 1);
  CHECK(n.flow == 0);  // UDP: the host resolves the contact
  CHECK(MwiFixture::header_of(n, "Event") == "message-summary");
  CHECK(MwiFixture::header_of(n, "Subscription-State") == "active;expires=3600");
  CHECK(n.content_type == "application/simple-message-summary");
  CHECK(
      n.body ==
      "Messages-Waiting: no\r\nMessage-Account: sip:7001@pbx.test\r\nVoice-Message: 0/0 (0/0)\r\n");
  CHECK(f.host.gauge("subscriptions") == 1);
  CHECK(f.host.store_get(kSubscriptionsTable, tag));
}

TEST_CASE("other event packages and SUBSCRIBEs without Event are left to others") {
  MwiFixture f;
  REQUIRE(f.load());
  auto req = std::make_unique<FakeRequest>("SUBSCRIBE", "sip:1001@127.0.0.1");
  req->add_header("Event", "presence");
  req->attributes["auth.device_id"] = "dev-1001";
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *req) == LS_VERDICT_CONTINUE);
  CHECK(req->responses.empty());
  auto none = std::make_unique<FakeRequest>("SUBSCRIBE", "sip:1001@127.0.0.1");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *none) == LS_VERDICT_CONTINUE);
  auto bad = std::make_unique<FakeRequest>("SUBSCRIBE", "sip:1001@127.0.0.1");
  bad->add_header("Event", "message summary");
  CHECK(f.send(*bad) == 400);
  CHECK(f.sent().empty());
}

TEST_CASE("only a proven device subscribes: digest, or its registered source") {
  MwiFixture f;
  REQUIRE(f.load());
  auto unproven = MwiFixture::subscribe("1001", "3600", false);
  CHECK(f.send(*unproven) == 403);
  auto auth_off =
      MwiFixture::subscribe("1010", "3600", true);  // the auth stage names it, proves nothing
  CHECK(f.send(*auth_off) == 403);
  auto stranger = MwiFixture::subscribe("9999");
  CHECK(f.send(*stranger) == 403);
  CHECK(f.sent().empty());

  f.location.bindings.push_back({"1010", "dev-1010", "sip:1010@192.0.2.10:5062", "192.0.2.10"});
  auto registered = MwiFixture::subscribe("1010", "3600", false);
  CHECK(f.send(*registered) == 200);
  auto elsewhere = MwiFixture::subscribe("1010", "3600", false);
  elsewhere->call_id = "other@phone";
  elsewhere->peer.addr = "192.0.2.99";
  CHECK(f.send(*elsewhere) == 403);
}

TEST_CASE("a device watches its own mailbox or a line DN, never another's") {
  MwiFixture f;
  REQUIRE(f.load());
  auto other = MwiFixture::subscribe("1001", "3600", true, "1002");
  CHECK(f.send(*other) == 403);
  auto box = MwiFixture::subscribe("1001", "3600", true, "7001");
  CHECK(f.send(*box) == 200);
  auto line = MwiFixture::subscribe("1002", "3600", true, "2102");
  CHECK(f.send(*line) == 200);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].body.find("Message-Account: sip:2102@pbx.test") != std::string::npos);
}

TEST_CASE(
    "Expires: 423 below the minimum, huge values clamped, malformed 400; Accept and Contact "
    "checked") {
  MwiFixture f;
  REQUIRE(f.load());
  auto brief = MwiFixture::subscribe("1001", "30");
  CHECK(f.send(*brief) == 423);
  CHECK(brief->final_response()->header("Min-Expires") == "60");
  auto huge = MwiFixture::subscribe("1001", "99999999999999999999");
  CHECK(f.send(*huge) == 200);
  CHECK(huge->final_response()->header("Expires") == "7200");
  CHECK(MwiFixture::header_of(f.sent().back(), "Subscription-State") == "active;expires=7200");
  auto junk = MwiFixture::subscribe("1002", "soon");
  CHECK(f.send(*junk) == 400);
  auto accept = MwiFixture::subscribe("1002");
  accept->add_header("Accept", "application/pidf+xml");
  CHECK(f.send(*accept) == 406);
  CHECK(accept->final_response()->header("Accept") == "application/simple-message-summary");
  auto no_contact = MwiFixture::subscribe("1002");
  no_contact->contacts.clear();
  CHECK(f.send(*no_contact) == 400);
  auto none = MwiFixture::subscribe("1002", nullptr);
  CHECK(f.send(*none) == 200);
  CHECK(none->final_response()->header("Expires") == "3600");
}

TEST_CASE("refresh inside the dialog: new expiry, a NOTIFY, CSeq and source checked") {
  MwiFixture f;
  REQUIRE(f.load());
  auto first = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*first) == 200);
  const std::string tag = MwiFixture::our_tag(*first);
  f.answer_all();

  auto refresh = MwiFixture::refresh("1001", tag, 2, "1800");
  CHECK(f.send(*refresh) == 200);
  CHECK(refresh->final_response()->header("Expires") == "1800");
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].cseq == 2);
  CHECK(MwiFixture::header_of(f.sent()[1], "Subscription-State") == "active;expires=1800");
  f.answer_all();

  auto again = MwiFixture::refresh("1001", tag, 2, "1800");  // a retransmission
  CHECK(f.send(*again) == 200);
  CHECK(f.sent().size() == 2);
  auto older = MwiFixture::refresh("1001", tag, 1, "1800");
  CHECK(f.send(*older) == 500);
  auto wrong_tag = MwiFixture::refresh("1001", "mwi-not-ours", 3, "1800");
  CHECK(f.send(*wrong_tag) == 481);
  auto wrong_source = MwiFixture::refresh("1001", tag, 3, "1800");
  wrong_source->peer.addr = "198.51.100.7";
  CHECK(f.send(*wrong_source) == 481);
  auto too_short = MwiFixture::refresh("1001", tag, 3, "5");
  CHECK(f.send(*too_short) == 423);
}

TEST_CASE("un-subscribe: 200 Expires 0, a terminated NOTIFY, then the subscription is gone") {
  MwiFixture f;
  REQUIRE(f.load());
  auto first = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*first) == 200);
  const std::string tag = MwiFixture::our_tag(*first);
  f.answer_all();
  auto bye = MwiFixture::refresh("1001", tag, 2, "0");
  CHECK(f.send(*bye) == 200);
  CHECK(bye->final_response()->header("Expires") == "0");
  REQUIRE(f.sent().size() == 2);
  CHECK(MwiFixture::header_of(f.sent()[1], "Subscription-State") == "terminated");
  CHECK(f.module().subscriptions().size() == 1);  // until the final NOTIFY completes
  f.answer_all();
  CHECK(f.module().subscriptions().size() == 0);
  CHECK_FALSE(f.host.store_get(kSubscriptionsTable, tag));
  auto late = MwiFixture::refresh("1001", tag, 3, "60");
  CHECK(f.send(*late) == 481);
}

TEST_CASE("expiry sends terminated;reason=timeout") {
  MwiFixture f;
  REQUIRE(f.load());
  auto first = MwiFixture::subscribe("1001", "60");
  REQUIRE(f.send(*first) == 200);
  f.answer_all();
  f.host.advance(59'000);
  CHECK(f.sent().size() == 1);
  f.host.advance(2'000);
  REQUIRE(f.sent().size() == 2);
  CHECK(MwiFixture::header_of(f.sent()[1], "Subscription-State") == "terminated;reason=timeout");
  f.answer_all();
  CHECK(f.module().subscriptions().size() == 0);
  CHECK(f.host.counter("expired") == 1);
}

TEST_CASE("one NOTIFY at a time: changes meanwhile are sent once, with the latest counts") {
  MwiFixture f;
  REQUIRE(f.load());
  auto first = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*first) == 200);
  REQUIRE(f.sent().size() == 1);
  f.module().set_mailbox_state("7001", {1, 0, 0, 0});
  f.module().set_mailbox_state("7001", {2, 1, 1, 0});
  CHECK(f.sent().size() == 1);
  f.host.complete_request(0, 200);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].cseq == 2);
  CHECK(f.sent()[1].body.find("Messages-Waiting: yes") != std::string::npos);
  CHECK(f.sent()[1].body.find("Voice-Message: 2/1 (1/0)") != std::string::npos);
  f.host.complete_request(1, 200);
  CHECK(f.sent().size() == 2);
}

TEST_CASE("a NOTIFY answered 481 or timing out ends the subscription; other failures do not") {
  MwiFixture f;
  REQUIRE(f.load());
  auto a = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*a) == 200);
  f.host.complete_request(0, 481);
  CHECK(f.module().subscriptions().size() == 0);
  auto b = MwiFixture::subscribe("1002");
  REQUIRE(f.send(*b) == 200);
  f.host.complete_request(1, 500);
  CHECK(f.module().subscriptions().size() == 1);
  f.module().set_mailbox_state("1002", {1, 0, 0, 0});
  REQUIRE(f.sent().size() == 3);
  f.host.complete_request(2, 408);
  CHECK(f.module().subscriptions().size() == 0);
}

TEST_CASE(
    "a retransmitted SUBSCRIBE is answered alike; a phone starting over replaces its "
    "subscription") {
  MwiFixture f;
  REQUIRE(f.load());
  auto first = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*first) == 200);
  auto again = MwiFixture::subscribe("1001");
  CHECK(f.send(*again) == 200);
  CHECK(MwiFixture::our_tag(*again) == MwiFixture::our_tag(*first));
  CHECK(f.sent().size() == 1);
  CHECK(f.module().subscriptions().size() == 1);
  auto rebooted = MwiFixture::subscribe("1001");
  rebooted->call_id = "after-reboot@phone";
  CHECK(f.send(*rebooted) == 200);
  CHECK(f.module().subscriptions().size() == 1);
  CHECK(MwiFixture::our_tag(*rebooted) != MwiFixture::our_tag(*first));
}

TEST_CASE("a fetch (Expires 0) gets one NOTIFY and keeps nothing") {
  MwiFixture f;
  REQUIRE(f.load());
  auto fetch = MwiFixture::subscribe("1001", "0");
  CHECK(f.send(*fetch) == 200);
  CHECK(fetch->final_response()->header("Expires") == "0");
  REQUIRE(f.sent().size() == 1);
  CHECK(MwiFixture::header_of(f.sent()[0], "Subscription-State") == "terminated;reason=timeout");
  CHECK(f.module().subscriptions().size() == 0);
}

TEST_CASE("limits: a device's oldest subscription makes room; the total is refused with 503") {
  MwiFixture f;
  f.host.config()
      .set("max_subscriptions_per_device", int64_t{2})
      .set("max_subscriptions", int64_t{3});
  REQUIRE(f.load());
  for (int i = 0; i < 3; ++i) {
    auto req = MwiFixture::subscribe("1001");
    req->call_id = "c" + std::to_string(i);
    req->contacts.front().uri = "sip:1001@192.0.2.10:" + std::to_string(5062 + i);
    CHECK(f.send(*req) == 200);
    f.answer_all();
  }
  REQUIRE(f.sent().size() == 4);  // three first NOTIFYs and the end of the oldest
  CHECK(MwiFixture::header_of(f.sent()[2], "Subscription-State") == "terminated;reason=rejected");
  f.answer_all();
  CHECK(f.module().subscriptions().size() == 2);
  auto other = MwiFixture::subscribe("1002");
  CHECK(f.send(*other) == 200);
  auto full = MwiFixture::subscribe("1002", "3600", true, "2102");
  full->call_id = "line-2102@phone";
  CHECK(f.send(*full) == 503);
  CHECK(full->final_response()->header("Retry-After") == "300");
}
