// tests/unit/mwi/events_test.cpp: state pushed on (re)REGISTER, unsolicited NOTIFY, restart
// (restore from the store, re-send), TCP/TLS connections that close, device changes.
#include <doctest/doctest.h>

#include "mwi_test_support.hpp"

using namespace lineside::mwi;
using namespace lineside::mwi::test;

namespace {

void registered(FakeHost &host, uint32_t change, const char *device_id, const char *aor,
                const char *contact, uint32_t transport = LS_TRANSPORT_UDP, ls_flow_id_t flow = 0,
                const char *source = "192.0.2.10") {
  ls_registration_event_t ev{};
  ev.size = sizeof ev;
  ev.change = change;
  ev.aor = aor;
  ev.device_id = device_id;
  ev.contact_uri = contact;
  ev.expires_at = 1;
  ev.transport = transport;
  ev.flow = flow;
  ev.source_addr = source;
  ev.source_port = 5062;
  host.emit(LS_EVENT_REGISTRATION, &ev);
}

Subscription stored_subscription(const std::string &id, uint32_t transport, int64_t expires_at) {
  Subscription s;
  s.id = id;
  s.call_id = "saved-" + id;
  s.remote_tag = "rt";
  s.remote_party = "<sip:1001@pbx.test>;tag=rt";
  s.local_party = "<sip:1001@pbx.test>;tag=" + id;
  s.remote_target = "sip:1001@192.0.2.10:5062";
  s.local_cseq = 7;
  s.remote_cseq = 3;
  s.device_id = "dev-1001";
  s.device_user = "1001";
  s.mailbox = "7001";
  s.transport = transport;
  s.source_addr = "192.0.2.10";
  s.source_port = 5062;
  s.created_at = 1;
  s.expires_at = expires_at;
  return s;
}

}  // namespace

TEST_CASE("a re-REGISTER pushes the current state to the device's subscription") {
  MwiFixture f;
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();
  registered(f.host, LS_REG_REFRESHED, "dev-1001", "sip:1001@pbx.test", "sip:1001@192.0.2.10:5062");
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].cseq == 2);
  registered(f.host, LS_REG_REMOVED, "dev-1001", "sip:1001@pbx.test", "sip:1001@192.0.2.10:5062");
  CHECK(f.sent().size() == 2);
}

TEST_CASE("notify_on_register off: a re-REGISTER sends nothing") {
  MwiFixture f;
  f.host.config().set("notify_on_register", false);
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();
  registered(f.host, LS_REG_BOUND, "dev-1001", "sip:1001@pbx.test", "sip:1001@192.0.2.10:5062");
  CHECK(f.sent().size() == 1);
}

TEST_CASE("unsolicited devices get NOTIFYs at their contacts on change and on (re)REGISTER") {
  MwiFixture f;
  f.host.config().add_list_string("unsolicited", "dev-1010");
  REQUIRE(f.load());
  f.location.bindings.push_back({"1010", "dev-1010", "sip:1010@192.0.2.20:5070", "192.0.2.20"});
  f.location.bindings.push_back({"1001", "dev-1001", "sip:1001@192.0.2.10:5062", "192.0.2.10"});
  f.location.bindings.push_back({"1010", "dev-1010", "sip:1010@192.0.2.21:5070;transport=tcp",
                                 "192.0.2.21", LS_TRANSPORT_TCP, 0,
                                 true});  // awaiting reconnection: never dialled
  f.module().set_mailbox_state("1010", {3, 1, 0, 0});
  f.module().set_mailbox_state("7001", {1, 0, 0, 0});  // dev-1001 is not unsolicited
  REQUIRE(f.sent().size() == 1);
  const SentRequest &n = f.sent()[0];
  CHECK(n.request_uri == "sip:1010@192.0.2.20:5070");
  CHECK(n.to == "<sip:1010@pbx.test>");
  CHECK(n.from.rfind("<sip:1010@pbx.test>;tag=", 0) == 0);
  CHECK(n.call_id.empty());
  CHECK(MwiFixture::header_of(n, "Subscription-State") == "active");
  CHECK(n.body.find("Voice-Message: 3/1 (0/0)") != std::string::npos);
  registered(f.host, LS_REG_BOUND, "dev-1010", "sip:1010@pbx.test", "sip:1010@192.0.2.20:5070");
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].request_uri == "sip:1010@192.0.2.20:5070");
  CHECK(f.host.counter("unsolicited_notifies") == 2);
}

TEST_CASE("unsolicited: all, but a device that subscribes gets its subscription's NOTIFY only") {
  MwiFixture f;
  f.host.config().add_list_string("unsolicited", "all");
  REQUIRE(f.load());
  f.location.bindings.push_back({"1001", "dev-1001", "sip:1001@192.0.2.10:5062", "192.0.2.10"});
  auto sub = MwiFixture::subscribe("1001");
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();
  f.module().set_mailbox_state("7001", {1, 0, 0, 0});
  REQUIRE(f.sent().size() == 2);
  CHECK_FALSE(f.sent()[1].call_id.empty());  // inside the subscription's dialog
}

TEST_CASE(
    "restart: states and subscriptions come back from the store; UDP ones get the state at once") {
  MwiFixture f;
  f.host.store_seed(kMailboxesTable, "7001",
                    encode_mailbox("7001", MailboxRecord{{4, 2, 0, 0}, 10}));
  const int64_t later = f.host.now_unix() + 600;
  f.host.store_seed(kSubscriptionsTable, "mwiudp",
                    encode_subscription(stored_subscription("mwiudp", LS_TRANSPORT_UDP, later)));
  f.host.store_seed(kSubscriptionsTable, "mwitcp",
                    encode_subscription(stored_subscription("mwitcp", LS_TRANSPORT_TCP, later)));
  f.host.store_seed(kSubscriptionsTable, "mwiold",
                    encode_subscription(stored_subscription("mwiold", LS_TRANSPORT_UDP, 5)));
  f.host.store_seed(kSubscriptionsTable, "junk", "not a record");
  REQUIRE(f.load());
  CHECK(f.module().subscriptions().size() == 2);
  CHECK_FALSE(f.host.store_get(kSubscriptionsTable, "mwiold"));
  CHECK_FALSE(f.host.store_get(kSubscriptionsTable, "junk"));
  REQUIRE(f.sent().size() == 1);  // the TCP one waits for its phone to reconnect
  const SentRequest &n = f.sent()[0];
  CHECK(n.call_id == "saved-mwiudp");
  CHECK(n.cseq == 8);  // continues after the saved CSeq
  CHECK(n.body.find("Voice-Message: 4/2 (0/0)") != std::string::npos);
  f.answer_all();

  registered(f.host, LS_REG_BOUND, "dev-1001", "sip:1001@pbx.test",
             "sip:1001@192.0.2.10:40000;transport=tcp", LS_TRANSPORT_TCP, 77);
  REQUIRE(f.sent().size() == 3);  // both subscriptions of the device; the TCP one over the new flow
  bool tcp_seen = false;
  for (size_t i = 1; i < 3; ++i) {
    if (f.sent()[i].call_id == "saved-mwitcp") {
      tcp_seen = true;
      CHECK(f.sent()[i].flow == 77);
    }
  }
  CHECK(tcp_seen);
}

TEST_CASE(
    "a TCP subscription whose connection closed waits; the phone's re-REGISTER brings the state") {
  MwiFixture f;
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1001");
  sub->peer.transport = LS_TRANSPORT_TCP;
  sub->peer.flow = 31;
  REQUIRE(f.send(*sub) == 200);
  CHECK(f.sent()[0].flow == 31);
  CHECK(sub->final_response()->header("Contact") == "<sip:127.0.0.1:5060;transport=tcp>");
  f.answer_all();
  f.host.emit_flow_closed(31);
  f.module().set_mailbox_state("7001", {5, 0, 0, 0});
  CHECK(f.sent().size() == 1);
  registered(f.host, LS_REG_BOUND, "dev-1001", "sip:1001@pbx.test",
             "sip:1001@192.0.2.10:5062;transport=tcp", LS_TRANSPORT_TCP, 32);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].flow == 32);
  CHECK(f.sent()[1].body.find("5/0") != std::string::npos);
}

TEST_CASE("a send the host refuses (closed connection) leaves the state pending, not lost") {
  MwiFixture f;
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1001");
  sub->peer.transport = LS_TRANSPORT_TLS;
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();
  f.host.fail_next_request_send();
  f.module().set_mailbox_state("7001", {1, 0, 0, 0});
  CHECK(f.sent().size() == 1);
  CHECK(f.host.counter("notify_failures") == 1);
  registered(f.host, LS_REG_REFRESHED, "dev-1001", "sip:1001@pbx.test",
             "sip:1001@192.0.2.10:5062;transport=tls", LS_TRANSPORT_TLS, 44);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].flow == 44);
}

TEST_CASE("device changes: a new voicemail box moves the subscription; deletion drops it") {
  MwiFixture f;
  REQUIRE(f.load());
  auto sub = MwiFixture::subscribe("1002");
  REQUIRE(f.send(*sub) == 200);
  f.answer_all();
  f.directory.remove("dev-1002");
  f.directory.add("dev-1002", "1002", "1002").voicemail_box = "7002";
  ls_device_event_t ev{
      sizeof(ls_device_event_t), LS_DEVICE_UPDATED, "dev-1002", "1002", "1002", "1002"};
  f.host.emit(LS_EVENT_DEVICE_CHANGED, &ev);
  REQUIRE(f.sent().size() == 2);
  CHECK(f.sent()[1].body.find("Message-Account: sip:7002@pbx.test") != std::string::npos);
  CHECK(f.module().subscriptions().of_mailbox("7002").size() == 1);
  f.answer_all();
  ev.change = LS_DEVICE_REMOVED;
  f.host.emit(LS_EVENT_DEVICE_CHANGED, &ev);
  CHECK(f.module().subscriptions().size() == 0);
  const bool none_stored = f.host.store().count(kSubscriptionsTable) == 0 ||
                           f.host.store().at(kSubscriptionsTable).empty();
  CHECK(none_stored);
}

TEST_CASE("config checks: unsolicited 'all' alone, expiry order") {
  MwiFixture f;
  f.host.config().add_list_string("unsolicited", "all").add_list_string("unsolicited", "dev-1001");
  CHECK_FALSE(f.load());
  MwiFixture g;
  g.host.config()
      .set_duration_ms("min_expires", 7'200'000)
      .set_duration_ms("default_expires", 60'000);
  CHECK_FALSE(g.load());
}
