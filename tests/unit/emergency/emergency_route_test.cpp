// tests/unit/emergency/emergency_route_test.cpp: the emergency route hook on the fake host: CESID
// in From/PAI by the lookup order, privacy, failover groups, outpulse digits, unknown callers,
// non-emergency calls, no gateways, settings errors, and the notifications it sends.
#include <doctest/doctest.h>

#include "emergency_test_support.hpp"
#include "http_test_server.hpp"

using namespace lineside;
using namespace lineside::emergency;
using lineside::emergency::test::EmergencyFixture;

TEST_CASE("a 911 call from a DN with a CESID entry sends that CESID to every emergency gateway") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1001", R"({"cesid":"6135550101","privacy":false})");
  REQUIRE_MESSAGE(f.load(), f.h.error());
  uint32_t verdict = 0;
  const auto t = f.call("1001", "911", "dev-1001", "1001", &verdict);
  CHECK(verdict == LS_VERDICT_STOP);
  REQUIRE(t.size() == 2);
  CHECK(t[0].uri == "sip:911@127.0.0.1:5090;transport=udp");
  CHECK(t[0].failover_group == 0);
  CHECK(t[0].trunk_number == 911);
  CHECK(t[0].trunk_name == "emergency");
  CHECK(t[0].from_user == "6135550101");
  CHECK_FALSE(t[0].from_display);
  CHECK(t[0].asserted_identity == "<sip:6135550101@pbx.test>");
  CHECK(t[0].extra_headers == "Priority: emergency\r\n");
  CHECK(t[1].uri == "sip:911@127.0.0.1:5091;transport=udp");
  CHECK(t[1].failover_group == 1);
  CHECK(t[1].trunk_number == 912);
  CHECK(f.h.host.logged(
      "EMERGENCY CALL 7: 911 dialled by DN 1001 (device dev-1001) from 192.0.2.20:5062/udp; "
      "CESID 6135550101 (table)",
      LS_LOG_ERROR));
  CHECK(f.h.host.counter("calls") == 1);
}

TEST_CASE("a DN without an entry uses the system default CESID") {
  EmergencyFixture f;
  REQUIRE(f.load());
  const auto t = f.call("1002", "911", "dev-1002", "1002");
  REQUIRE(t.size() == 2);
  CHECK(t[0].from_user == "6135550000");
  CHECK(f.h.host.logged("CESID 6135550000 (default)"));
}

TEST_CASE("no CESID anywhere: the call still goes out, with the DN, and the gap is logged") {
  EmergencyFixture f;
  f.capabilities.default_cesid = "";
  REQUIRE(f.load());
  CHECK(f.h.host.logged("no system default CESID", LS_LOG_WARNING));
  const auto t = f.call("1002", "911", "dev-1002", "1002");
  REQUIRE(t.size() == 2);
  CHECK_FALSE(t[0].from_user);
  CHECK(t[0].asserted_identity == "<sip:1002@pbx.test>");
  CHECK(f.h.host.logged("has NO CESID", LS_LOG_ERROR));
}

TEST_CASE(
    "privacy: Privacy: id or the entry's flag give From Anonymous and the CESID in PAI only") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1002", R"({"cesid":"6135550102","privacy":true})");
  REQUIRE(f.load());
  auto t = f.call("1001", "911", "dev-1001", "1001", nullptr, {"id"});
  REQUIRE(t.size() == 2);
  CHECK(t[0].from_user == "anonymous");
  CHECK(t[0].from_display == "Anonymous");
  CHECK(t[0].asserted_identity == "<sip:6135550000@pbx.test>");
  CHECK(t[0].extra_headers == "Priority: emergency\r\nPrivacy: id\r\n");
  t = f.call("1002", "911", "dev-1002", "1002");
  CHECK(t.at(1).from_user == "anonymous");
  CHECK(t.at(1).asserted_identity == "<sip:6135550102@pbx.test>");
}

TEST_CASE(
    "signal_privacy off keeps the CESID in From for private callers; identity_domain is used") {
  EmergencyFixture f;
  f.h.host.config().set("signal_privacy", false);
  f.h.host.config().set("identity_domain", "carrier.example");
  REQUIRE(f.load());
  const auto t = f.call("1001", "911", "dev-1001", "1001", nullptr, {"id"});
  CHECK(t.at(0).from_user == "6135550000");
  CHECK(t.at(0).asserted_identity == "<sip:6135550000@carrier.example>");
}

TEST_CASE("outpulse rewrites the digits sent; system emergency numbers count without the flag") {
  EmergencyFixture f;
  auto &o = f.h.host.config().add_child("outpulse");
  o.set("dialled", "9911");
  o.set("send", "911");
  REQUIRE(f.load());
  auto inv = lineside::test::make_invite("1001", "9911");
  CHECK(f.h.route(*inv, "9911", "dev-1001", "1001", false) ==
        LS_VERDICT_STOP);  // not flagged by the host
  CHECK(lineside::test::RouteHookHarness::targets(*inv).at(0).uri ==
        "sip:911@127.0.0.1:5090;transport=udp");
  auto other = lineside::test::make_invite("1001", "1002");
  CHECK(f.h.route(*other, "1002", "dev-1001", "1001", false) == LS_VERDICT_CONTINUE);
  CHECK(lineside::test::RouteHookHarness::targets(*other).empty());
}

TEST_CASE("an unidentified caller (no device) still reaches the emergency gateways") {
  EmergencyFixture f;
  REQUIRE(f.load());
  uint32_t verdict = 0;
  const auto t = f.call("5555", "911", "", "", &verdict);
  CHECK(verdict == LS_VERDICT_STOP);
  CHECK(t.at(0).from_user == "6135550000");
  CHECK(f.h.host.logged("DN 5555 (unprovisioned caller)", LS_LOG_ERROR));
  CHECK(f.h.host.logged("(caller not verified)", LS_LOG_ERROR));
}

TEST_CASE("an unprovisioned number with a CESID entry (a line behind a gateway) sends that CESID") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "5555", R"({"cesid":"6135555555","privacy":false})");
  REQUIRE(f.load());
  CHECK(f.call("5555", "911", "", "").at(0).from_user == "6135555555");
}

TEST_CASE(
    "the From user names the device when the host could not (unauthenticated emergency call)") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1001", R"({"cesid":"6135550101","privacy":false})");
  REQUIRE(f.load());
  const auto t = f.call("1001", "911", "", "");
  CHECK(t.at(0).from_user == "6135550101");
  CHECK_FALSE(f.h.host.logged("(caller not verified)"));  // it calls from its registered address
}

TEST_CASE("without gateways, or when the host refuses targets, the call is left to later routing") {
  EmergencyFixture f;
  f.h.host.config().unset("gateways");
  REQUIRE(f.load());
  CHECK(f.h.host.logged("no emergency gateways configured", LS_LOG_WARNING));
  uint32_t verdict = 0;
  CHECK(f.call("1001", "911", "dev-1001", "1001", &verdict).empty());
  CHECK(verdict == LS_VERDICT_CONTINUE);
  EmergencyFixture g;
  REQUIRE(g.load());
  lineside::test::CallServices::get().refuse_route = 1;
  g.call("1001", "911", "dev-1001", "1001", &verdict);
  CHECK(verdict == LS_VERDICT_CONTINUE);
  CHECK(g.h.host.logged("refused the emergency targets", LS_LOG_ERROR));
}

TEST_CASE("settings errors are reported at their keys and fail init") {
  EmergencyFixture f;
  f.add_gateway("sip:user@gw");
  f.h.host.config().add_list_string("webhooks", "ftp://x");
  f.h.host.config().set("front_desk", "desk");
  f.h.host.config().set("webhook_ca_file", "/nonexistent/ca.pem");
  auto &o = f.h.host.config().add_child("outpulse");
  o.set("dialled", "9911");
  o.set("send", "9-1-1");
  CHECK_FALSE(f.load());
  std::vector<std::string> keys;
  for (const auto &e : f.h.host.config_errors()) keys.push_back(e.key);
  CHECK(keys ==
        std::vector<std::string>{"uri", "send", "webhooks", "webhook_ca_file", "front_desk"});
}

TEST_CASE("every emergency call notifies the webhooks and the front desk's phones") {
  EmergencyFixture f;
  emergency::test::HttpTestServer hook(200);
  f.h.host.config().add_list_string("webhooks", hook.url("/alerts"));
  f.h.host.config().set("front_desk", "1005");
  f.location.rows.push_back(
      {"1005", "sip:1005@192.0.2.50:5070", LS_TRANSPORT_UDP, 0, "192.0.2.50", false});
  f.location.rows.push_back(
      {"1005", "sip:1005@192.0.2.51;transport=tls", LS_TRANSPORT_TLS, 44, "192.0.2.51", false});
  f.location.rows.push_back(
      {"1005", "sip:1005@192.0.2.52;transport=tcp", LS_TRANSPORT_TCP, 0, "192.0.2.52", true});
  REQUIRE(f.load());
  f.call("1001", "911", "dev-1001", "1001");

  REQUIRE(f.module().wait_webhooks_idle(10000));
  REQUIRE(hook.requests().size() == 1);
  const std::string body = hook.requests()[0];
  CHECK(body.find("POST /alerts HTTP/1.1") == 0);
  CHECK(
      body.find(
          R"("event":"emergency_call","call_id":7,"dialled":"911","dn":"1001","device":"dev-1001")") !=
      std::string::npos);
  CHECK(body.find(R"("cesid":"6135550000","cesid_source":"default")") != std::string::npos);
  CHECK(body.find(R"("source_address":"192.0.2.20")") != std::string::npos);
  CHECK(f.h.host.logged("delivered: HTTP 200", LS_LOG_NOTICE));

  auto &sent = lineside::test::RouteHookHarness::sent();
  REQUIRE(sent.size() == 2);  // the binding awaiting reconnect is skipped
  CHECK(sent[0].method == "MESSAGE");
  CHECK(sent[0].request_uri == "sip:1005@192.0.2.50:5070");
  CHECK(sent[0].flow == 0);
  CHECK(sent[0].to == "<sip:1005@pbx.test>");
  CHECK(sent[0].from.find("\"Emergency Alert\" <sip:emergency@pbx.test>;tag=") == 0);
  CHECK(sent[0].content_type == "text/plain;charset=UTF-8");
  CHECK(sent[0].body.find("EMERGENCY CALL: 911 dialled by DN 1001 (Ext 1001)") == 0);
  CHECK(sent[1].transport == LS_TRANSPORT_TLS);
  CHECK(sent[1].flow == 44);
  ls_request_outcome_t ok{sizeof(ls_request_outcome_t), 200, "OK", nullptr, -1};
  sent[0].done(sent[0].arg, &ok);
  ls_request_outcome_t lost{sizeof(ls_request_outcome_t), 408, "Request Timeout", nullptr, -1};
  sent[1].done(sent[1].arg, &lost);
  CHECK(f.h.host.logged("received the emergency MESSAGE (200)", LS_LOG_NOTICE));
  CHECK(f.h.host.logged("did not accept the emergency MESSAGE (status 408)", LS_LOG_ERROR));
}

TEST_CASE("notification failures are logged and never change the call") {
  EmergencyFixture f;
  f.h.host.config().add_list_string("webhooks", "http://127.0.0.1:1/down");
  f.h.host.config().set("webhook_attempts", 1);
  f.h.host.config().set("front_desk", "1002");  // not registered
  REQUIRE(f.load());
  uint32_t verdict = 0;
  CHECK(f.call("1001", "911", "dev-1001", "1001", &verdict).size() == 2);
  CHECK(verdict == LS_VERDICT_STOP);
  REQUIRE(f.module().wait_webhooks_idle(10000));
  CHECK(f.h.host.logged("FAILED after 1 attempt(s): connect 127.0.0.1:1: Connection refused",
                        LS_LOG_ERROR));
  CHECK(
      f.h.host.logged("front desk 1002 not notified: no phone of it is registered", LS_LOG_ERROR));
  CHECK(f.h.host.counter("webhooks_failed") == 1);
}

TEST_CASE("a reload replaces the gateways and refuses a broken config") {
  EmergencyFixture f;
  REQUIRE(f.load());
  testing::FakeConfig next;
  next.add_child("gateways").set("uri", "sip:gw.example.net");
  REQUIRE(testing::apply_schema_defaults(next, emergency_descriptor().config_fields,
                                         emergency_descriptor().config_field_count, nullptr, "x"));
  EmergencyModule &m = f.module();
  CHECK(m.check_reconfigure(Config(lineside::test::extended_table(), next.handle())).empty());
  m.apply_reconfigure(Config(lineside::test::extended_table(), next.handle()));
  const auto t = f.call("1001", "911", "dev-1001", "1001");
  REQUIRE(t.size() == 1);
  CHECK(t[0].uri == "sip:911@gw.example.net");
  CHECK(t[0].trunk_number == 1);
  testing::FakeConfig broken;
  broken.add_child("gateways").set("uri", "http://nope");
  CHECK_FALSE(
      m.check_reconfigure(Config(lineside::test::extended_table(), broken.handle())).empty());
  CHECK(m.settings().gateways.size() == 1);
}
