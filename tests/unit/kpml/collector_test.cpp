// tests/unit/kpml/collector_test.cpp: collections through lineside.kpml/1: the SUBSCRIBE, the
// phone's NOTIFYs, timeouts, refusals, cancellation and un-subscribing.
#include <doctest/doctest.h>

#include "kpml_test_support.hpp"

using namespace lineside::kpml;
using namespace lineside::kpml::test;

TEST_CASE("the module offers lineside.kpml/1 and subscribes to the device's contact") {
  KpmlFixture f;
  f.location.entries[0].transport = LS_TRANSPORT_TCP;
  f.location.entries[0].flow = 44;
  REQUIRE(f.load());
  REQUIRE(f.provider() != nullptr);
  Outcome out;
  const uint64_t id = f.collect(out, "dev-1002", "x{4}", 15000);
  CHECK(id > 0);
  CHECK_FALSE(out.called);
  REQUIRE(f.host.sent_requests().size() == 1);
  const SentRequest &s = f.host.sent_requests()[0];
  CHECK(s.method == "SUBSCRIBE");
  CHECK(s.request_uri == "sip:1002@192.0.2.2:5062");
  CHECK(s.to == "<sip:1002@pbx.test>");
  CHECK(s.from.rfind("<sip:kpml@pbx.test>;tag=", 0) == 0);
  CHECK(s.headers.find("Event: kpml\r\n") != std::string::npos);
  CHECK(s.headers.find("Expires: 15\r\n") != std::string::npos);
  CHECK(s.content_type == "application/kpml-request+xml");
  CHECK(s.body.find(">x{4}</regex>") != std::string::npos);
  CHECK(s.flow == 44);
  CHECK(s.transport == LS_TRANSPORT_TCP);
}

TEST_CASE("a dialog to monitor is named in the Event header") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  ls_kpml_collect_t r{sizeof r, 0, "dev-1002", "x", "call@phone", "phonetag", "srvtag"};
  REQUIRE(f.provider()->collect_digits(f.provider_self(), &r, &record_outcome, &out) > 0);
  CHECK(f.host.sent_requests()[0].headers.find(
            "Event: kpml;call-id=\"call@phone\";local-tag=phonetag;remote-tag=srvtag\r\n") !=
        std::string::npos);
  ls_kpml_collect_t bad{sizeof bad, 0, "dev-1002", "x", "call\"@phone", "a", "b"};
  CHECK(f.provider()->collect_digits(f.provider_self(), &bad, &record_outcome, &out) == 0);
  ls_kpml_collect_t half{sizeof half, 0, "dev-1002", "x", "call@phone", nullptr, "b"};
  CHECK(f.provider()->collect_digits(f.provider_self(), &half, &record_outcome, &out) == 0);
}

TEST_CASE("the phone's report of matched digits completes the collection once") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  const uint64_t id = f.collect(out);
  f.host.complete_request(0, 200, "phone-tag", 10);
  auto initial = f.phone_notify(0, "active;expires=10");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *initial) == LS_VERDICT_STOP);
  CHECK(initial->status() == 200);
  CHECK_FALSE(out.called);
  CHECK(f.module().collector().find(id)->state == CollectionState::active);
  auto report =
      f.phone_notify(0, "terminated;reason=noresource", KpmlFixture::report("200", "1234"));
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *report) == LS_VERDICT_STOP);
  CHECK(report->status() == 200);
  REQUIRE(out.called);
  CHECK(out.code == LS_KPML_MATCHED);
  CHECK(out.digits == "1234");
  CHECK(out.collection == id);
  CHECK(f.host.sent_requests().size() == 1);  // the phone ended it: no un-SUBSCRIBE
  CHECK(f.host.counter("matched") == 1);
  auto late = f.phone_notify(0, "terminated");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *late) == LS_VERDICT_STOP);  // still ours: answered 200
  CHECK(late->status() == 200);
}

TEST_CASE("a report that leaves the subscription active is followed by an un-SUBSCRIBE") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out);
  auto report =
      f.phone_notify(0, "active", KpmlFixture::report("200", "77"));  // before the 200 too
  f.host.dispatch(LS_HOOK_REQUEST, *report);
  CHECK(out.digits == "77");
  REQUIRE(f.host.sent_requests().size() == 2);
  const SentRequest &un = f.host.sent_requests()[1];
  CHECK(un.method == "SUBSCRIBE");
  CHECK(un.headers.find("Expires: 0\r\n") != std::string::npos);
  CHECK(un.to == "<sip:1002@pbx.test>;tag=phone-tag");
  CHECK(un.cseq == 2);
  CHECK(un.call_id == f.host.sent_requests()[0].call_id);
  CHECK(un.body.empty());
}

TEST_CASE("no match before the timeout reports 423 and ends the subscription") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out, "dev-1002", "x{4}", 5000);
  f.host.complete_request(0, 200, "phone-tag");
  f.host.advance(4999);
  CHECK_FALSE(out.called);
  f.host.advance(1);
  REQUIRE(out.called);
  CHECK(out.code == LS_KPML_TIMER_EXPIRED);
  CHECK(out.text == "Timer Expired");
  REQUIRE(f.host.sent_requests().size() == 2);
  CHECK(f.host.sent_requests()[1].headers.find("Expires: 0") != std::string::npos);
}

TEST_CASE("a timeout before the phone answered un-subscribes once it accepts") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out, "dev-1002", "1", 1000);
  f.host.advance(1000);
  CHECK(out.code == LS_KPML_TIMER_EXPIRED);
  CHECK(f.host.sent_requests().size() == 1);
  f.host.complete_request(0, 202, "phone-tag");
  CHECK(f.host.sent_requests().size() == 2);
}

TEST_CASE("a phone without KPML refuses the SUBSCRIBE and the consumer hears why") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out);
  f.host.complete_request(0, 489);
  REQUIRE(out.called);
  CHECK(out.code == LS_KPML_NOT_SUPPORTED);
  CHECK(f.host.sent_requests().size() == 1);
  CHECK(f.module().collector().running() == 0);
}

TEST_CASE("the phone ending the subscription without a report gives 487") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out);
  f.host.complete_request(0, 200, "phone-tag");
  auto ended = f.phone_notify(0, "terminated;reason=deactivated");
  f.host.dispatch(LS_HOOK_REQUEST, *ended);
  CHECK(out.code == LS_KPML_SUBSCRIPTION_ENDED);
  CHECK(f.host.sent_requests().size() == 1);
}

TEST_CASE("a cancelled collection never calls back and its subscription is ended") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  const uint64_t id = f.collect(out);
  f.host.complete_request(0, 200, "phone-tag");
  CHECK(f.provider()->cancel(f.provider_self(), id) == 0);
  CHECK(f.provider()->cancel(f.provider_self(), id) == -1);
  CHECK(f.provider()->cancel(f.provider_self(), 999) == -1);
  f.host.advance(60000);
  CHECK_FALSE(out.called);
  CHECK(f.host.sent_requests().size() == 2);
  CHECK(f.host.active_timers() == 0);
}

TEST_CASE("requests that cannot start return 0 and never call back") {
  KpmlFixture f;
  f.location.entries.push_back(
      {"1003", "dev-1003", "sip:1003@h", LS_TRANSPORT_TCP, 5, 2'000'000'000, true});
  f.host.config().set("max_collections", 1);
  REQUIRE(f.load());
  Outcome out;
  CHECK(f.collect(out, "dev-1002", "<x>") == 0);  // markup in the pattern
  CHECK(f.collect(out, "dev-9999") == 0);         // no such device / binding
  CHECK(f.collect(out, "dev-1003") == 0);         // waiting for its TCP connection
  CHECK(f.collect(out, nullptr) == 0);
  f.host.fail_next_request_send();
  CHECK(f.collect(out) == 0);
  CHECK(f.collect(out) > 0);
  CHECK(f.collect(out) == 0);  // max_collections
  CHECK_FALSE(out.called);
  ls_kpml_collect_t short_struct{8, 0, "dev-1002", "x", nullptr, nullptr, nullptr};
  CHECK(f.provider()->collect_digits(f.provider_self(), &short_struct, &record_outcome, &out) == 0);
}

TEST_CASE("NOTIFYs of other dialogs or events are left alone or refused") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out);
  auto stranger = f.phone_notify(0, "active");
  stranger->call_id = "someone-else";
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *stranger) == LS_VERDICT_CONTINUE);
  CHECK(stranger->responses.empty());
  auto wrong_event = f.phone_notify(0, "active");
  wrong_event->add_header("Event", "dialog");
  auto bare = std::make_unique<lineside::testing::FakeRequest>("NOTIFY", "sip:kpml@h");
  bare->call_id = wrong_event->call_id;
  bare->to_tag = wrong_event->to_tag;
  bare->add_header("Event", "dialog");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *bare) == LS_VERDICT_STOP);
  CHECK(bare->status() == 489);
  auto garbage = f.phone_notify(0, "active", "<not-kpml/>");
  f.host.dispatch(LS_HOOK_REQUEST, *garbage);
  CHECK(garbage->status() == 200);
  CHECK_FALSE(out.called);
}

TEST_CASE("a graceful stop ends every running collection without calling back") {
  KpmlFixture f;
  REQUIRE(f.load());
  Outcome out;
  f.collect(out);
  f.host.complete_request(0, 200, "phone-tag");
  f.host.stop();
  CHECK_FALSE(out.called);
  CHECK(f.host.sent_requests().size() == 2);
}
