// tests/unit/kpml/app_subscription_test.cpp: applications' kpml SUBSCRIBEs: who may, what they get,
// and the relay to the DN's phone.
#include <doctest/doctest.h>

#include "kpml_test_support.hpp"

using namespace lineside::kpml;
using namespace lineside::kpml::test;

namespace {

const char *kRequestDoc =
    "<?xml version=\"1.0\"?><kpml-request xmlns=\"urn:ietf:params:xml:ns:kpml-request\" "
    "version=\"1.0\">"
    "<pattern><regex tag=\"pin\">x{4}</regex></pattern></kpml-request>";

std::unique_ptr<FakeRequest> app_subscribe(const std::string &dn = "1002",
                                           const std::string &body = kRequestDoc,
                                           const std::string &expires = "20") {
  auto r = std::make_unique<FakeRequest>("SUBSCRIBE", "sip:" + dn + "@pbx.test");
  r->from_uri = "sip:ivr@apps.test";
  r->from_tag = "app-tag";
  r->to_uri = "sip:" + dn + "@pbx.test";
  r->call_id = "app-sub-1";
  r->add_header("Event", "kpml");
  r->add_header("Expires", expires);
  r->add_header("From", "<sip:ivr@apps.test>;tag=app-tag");
  r->add_header("To", "<sip:" + dn + "@pbx.test>");
  r->add_contact("sip:ivr@192.0.2.50:5070");
  r->peer.addr = "192.0.2.50";
  if (!body.empty()) r->set_body("application/kpml-request+xml", body);
  return r;
}

}  // namespace

TEST_CASE("an application that is neither authenticated nor trusted is refused 403") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe();
  CHECK(f.host.dispatch(LS_HOOK_AUTHENTICATE, *sub) == LS_VERDICT_CONTINUE);  // left to auth
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *sub) == LS_VERDICT_STOP);
  CHECK(sub->status() == 403);
  CHECK(f.host.sent_requests().empty());
}

TEST_CASE("an authenticated application's SUBSCRIBE is relayed to the phone and reported") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe();
  sub->attributes["auth.user"] = "1003";
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *sub) == LS_VERDICT_ASYNC);
  CHECK(sub->responses.empty());
  REQUIRE(f.host.sent_requests().size() == 1);
  CHECK(f.host.sent_requests()[0].headers.find("Expires: 20") != std::string::npos);
  CHECK(f.host.sent_requests()[0].body.find(">x{4}<") != std::string::npos);

  f.host.complete_request(0, 200, "phone-tag");  // the phone accepts: so does the server
  REQUIRE(sub->status() == 200);
  CHECK(sub->resumed);
  CHECK(sub->resume_verdict == LS_VERDICT_STOP);
  const std::string to = *sub->final_response()->header("To");
  CHECK(to.rfind("<sip:1002@pbx.test>;tag=", 0) == 0);
  REQUIRE(f.host.sent_requests().size() == 2);
  const SentRequest first = f.host.sent_requests()[1];  // a copy: the list grows below
  CHECK(first.method == "NOTIFY");
  CHECK(first.request_uri == "sip:ivr@192.0.2.50:5070");
  CHECK(first.to == "<sip:ivr@apps.test>;tag=app-tag");
  CHECK(first.from == to);
  CHECK(first.call_id == "app-sub-1");
  CHECK(first.headers.find("Subscription-State: active;expires=20") != std::string::npos);
  CHECK(first.body.empty());

  auto report = f.phone_notify(0, "terminated", KpmlFixture::report("200", "4321"));
  f.host.dispatch(LS_HOOK_REQUEST, *report);
  REQUIRE(f.host.sent_requests().size() == 3);
  const SentRequest &last = f.host.sent_requests()[2];
  CHECK(last.cseq == first.cseq + 1);
  CHECK(last.headers.find("Subscription-State: terminated;reason=noresource") != std::string::npos);
  CHECK(last.content_type == "application/kpml-response+xml");
  CHECK(last.body.find("code=\"200\"") != std::string::npos);
  CHECK(last.body.find("digits=\"4321\"") != std::string::npos);
  CHECK(last.body.find("tag=\"pin\"") != std::string::npos);
  CHECK(f.module().apps().size() == 0);
}

TEST_CASE("a trusted source is taken at the authenticate hook, before any challenge") {
  KpmlFixture f;
  f.host.config().add_list_string("trusted_sources", "192.0.2.50");
  REQUIRE(f.load());
  auto sub = app_subscribe();
  CHECK(f.host.dispatch(LS_HOOK_AUTHENTICATE, *sub) == LS_VERDICT_ASYNC);
  CHECK(f.host.sent_requests().size() == 1);
  auto other = app_subscribe();
  other->peer.addr = "192.0.2.51";
  CHECK(f.host.dispatch(LS_HOOK_AUTHENTICATE, *other) == LS_VERDICT_CONTINUE);
}

TEST_CASE("the phone's refusal is the application's answer") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe();
  sub->attributes["auth.user"] = "1003";
  f.host.dispatch(LS_HOOK_REQUEST, *sub);
  f.host.complete_request(0, 489);
  CHECK(sub->status() == 489);
  CHECK(f.host.sent_requests().size() == 1);
  CHECK(f.module().apps().size() == 0);
}

TEST_CASE("malformed or impossible application SUBSCRIBEs get their error and start nothing") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto expect = [&f](std::unique_ptr<FakeRequest> r, uint32_t status) {
    r->attributes["auth.user"] = "1003";
    CHECK(f.host.dispatch(LS_HOOK_REQUEST, *r) == LS_VERDICT_STOP);
    CHECK(r->status() == status);
  };
  expect(app_subscribe("9999"), 404);
  expect(app_subscribe("1003"), 480);  // registered nowhere
  expect(app_subscribe("1002", ""), 400);
  expect(app_subscribe(
             "1002", "<kpml-request><pattern><regex>&lt;evil&gt;</regex></pattern></kpml-request>"),
         400);
  auto typed = app_subscribe();
  typed->set_body("application/xml", kRequestDoc);
  expect(std::move(typed), 415);
  auto no_contact = app_subscribe();
  no_contact->contacts.clear();
  expect(std::move(no_contact), 400);
  CHECK(f.host.sent_requests().empty());
}

TEST_CASE("SUBSCRIBEs for other packages are left to other modules") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto mwi = app_subscribe();
  auto r = std::make_unique<FakeRequest>("SUBSCRIBE", "sip:1002@pbx.test");
  r->add_header("Event", "message-summary");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *r) == LS_VERDICT_CONTINUE);
  CHECK(r->responses.empty());
}

TEST_CASE("an application un-subscribing ends the relay and the phone's subscription") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe();
  sub->attributes["auth.user"] = "1003";
  f.host.dispatch(LS_HOOK_REQUEST, *sub);
  f.host.complete_request(0, 200, "phone-tag");
  const std::string to = *sub->final_response()->header("To");
  auto refresh = app_subscribe();
  refresh->to_tag = to.substr(to.find(";tag=") + 5);
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *refresh) == LS_VERDICT_STOP);
  CHECK(refresh->status() == 200);
  auto un = app_subscribe("1002", kRequestDoc, "0");
  un->to_tag = refresh->to_tag;
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *un) == LS_VERDICT_STOP);
  CHECK(un->status() == 200);
  // The application's final NOTIFY and the phone's un-SUBSCRIBE.
  bool notified = false;
  bool unsubscribed = false;
  for (const auto &s : f.host.sent_requests()) {
    notified |= s.method == "NOTIFY" &&
                s.headers.find("Subscription-State: terminated") != std::string::npos;
    unsubscribed |= s.method == "SUBSCRIBE" && s.headers.find("Expires: 0") != std::string::npos;
  }
  CHECK(notified);
  CHECK(unsubscribed);
  auto stale = app_subscribe();
  stale->to_tag = refresh->to_tag;
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *stale) == LS_VERDICT_CONTINUE);  // the kernel answers 481
}

TEST_CASE(
    "an application's first SUBSCRIBE with Expires: 0 is a fetch: 200 and one terminated NOTIFY") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto fetch = app_subscribe("1002", kRequestDoc, "0");
  fetch->attributes["auth.user"] = "1003";
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *fetch) == LS_VERDICT_STOP);
  CHECK(fetch->status() == 200);
  REQUIRE(f.host.sent_requests().size() == 1);
  CHECK(f.host.sent_requests()[0].method == "NOTIFY");
  CHECK(f.host.sent_requests()[0].headers.find("Subscription-State: terminated") !=
        std::string::npos);
  CHECK(f.host.sent_requests()[0].body.empty());
}

TEST_CASE("a relayed subscription that times out reports 423 to the application") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe("1002", kRequestDoc, "3");
  sub->attributes["auth.user"] = "1003";
  f.host.dispatch(LS_HOOK_REQUEST, *sub);
  f.host.complete_request(0, 200, "phone-tag");
  f.host.advance(3000);
  const SentRequest &last = f.host.sent_requests().back();
  CHECK(last.method == "NOTIFY");
  CHECK(last.headers.find("Subscription-State: terminated;reason=timeout") != std::string::npos);
  CHECK(last.body.find("code=\"423\"") != std::string::npos);
  CHECK(f.module().apps().size() == 0);
}

TEST_CASE("an application that stops answering NOTIFYs loses its subscription") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto sub = app_subscribe();
  sub->attributes["auth.user"] = "1003";
  f.host.dispatch(LS_HOOK_REQUEST, *sub);
  f.host.complete_request(0, 200, "phone-tag");
  REQUIRE(f.host.sent_requests().size() == 2);  // the initial NOTIFY
  f.host.complete_request(1, 481);
  CHECK(f.module().apps().size() == 0);
  CHECK(f.module().collector().running() == 0);
}
