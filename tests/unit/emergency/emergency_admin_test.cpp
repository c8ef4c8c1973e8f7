// tests/unit/emergency/emergency_admin_test.cpp: the CESID admin API (validation errors with
// field and rule, store writes, import all or nothing), the CESID table restored at start, call
// outcome logging and notifications, and registration moves.
#include <doctest/doctest.h>

#include "emergency_test_support.hpp"

using namespace lineside;
using namespace lineside::emergency;
using lineside::emergency::test::EmergencyFixture;

TEST_CASE("PUT /api/v1/cesid/DN refuses 6 digits, 13 digits and letters, naming field and rule") {
  EmergencyFixture f;
  REQUIRE(f.load());
  for (const auto &[value, message] : std::vector<std::pair<std::string, std::string>>{
           {"613555", "expected 7 to 12 digits, got 6 digits"},
           {"6135550100123", "expected 7 to 12 digits, got 13 digits"},
           {"613555ABCD", "expected 7 to 12 digits (0-9 only)"}}) {
    const auto r = f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":")" + value + "\"}");
    CHECK(r.status == 400);
    CHECK(r.body.find(R"("field":"cesid","rule":"format","message":")" + message) !=
          std::string::npos);
  }
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":6135550101})")
            .body.find(R"("rule":"type")") != std::string::npos);
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/10 01", "", R"({"cesid":"6135550101"})")
            .body.find(R"("field":"dn")") != std::string::npos);
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":"6135550101","colour":1})")
            .status == 400);
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/1001", "", "not json").status == 400);
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid", "", R"({"cesid":"6135550101"})").status == 405);
  CHECK(f.h.host.store().count("cesid") == 0);
}

TEST_CASE("set, read, list and delete entries; each change goes to the store") {
  EmergencyFixture f;
  REQUIRE(f.load());
  auto put = f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":"6135550101"})");
  CHECK(put.status == 201);
  CHECK(
      put.body ==
      R"({"dn":"1001","cesid":"6135550101","privacy":false,"device_id":"dev-1001","name":"Ext 1001"})");
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":"6135550111","privacy":true})")
            .status == 200);
  f.h.host.run_pending();
  CHECK(f.h.host.store_get("cesid", "1001") == R"({"cesid":"6135550111","privacy":true})");
  CHECK(f.h.host.gauge("cesid_entries") == 1);

  CHECK(f.h.host.admin("GET", "/api/v1/cesid/1001")
            .body.find(R"("cesid":"6135550111","privacy":true)") != std::string::npos);
  const auto missing = f.h.host.admin("GET", "/api/v1/cesid/1002");
  CHECK(missing.status == 404);
  CHECK(missing.body.find("the default CESID 6135550000") != std::string::npos);
  const auto list = f.h.host.admin("GET", "/api/v1/cesid");
  CHECK(list.body.find(R"({"default_cesid":"6135550000","entries":[{"dn":"1001")") == 0);
  CHECK(list.body.find(R"("count":1,"moves":[],"moves_total":0})") != std::string::npos);

  CHECK(f.h.host.admin("DELETE", "/api/v1/cesid/1002").status == 404);
  CHECK(f.h.host.admin("DELETE", "/api/v1/cesid/1001").status == 200);
  f.h.host.run_pending();
  CHECK_FALSE(f.h.host.store_get("cesid", "1001"));
  CHECK(f.h.host.gauge("cesid_entries") == 0);
}

TEST_CASE("a failed store write undoes the change") {
  EmergencyFixture f;
  REQUIRE(f.load());
  f.h.host.fail_next_store_write();
  CHECK(f.h.host.admin("PUT", "/api/v1/cesid/1001", "", R"({"cesid":"6135550101"})").status == 201);
  f.h.host.run_pending();
  CHECK(f.module().table().find("1001") == nullptr);
  CHECK(f.h.host.logged("not saved: store write failed", LS_LOG_ERROR));
}

TEST_CASE("import: CSV or JSON, all or nothing, replace removes unlisted entries") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1009", R"({"cesid":"6135550109","privacy":false})");
  REQUIRE(f.load());
  const auto bad =
      f.h.host.admin("POST", "/api/v1/cesid/import", "", "1001,6135550101\n1002,613555\n");
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"line 2: cesid","rule":"format")") != std::string::npos);
  CHECK(f.module().table().find("1001") == nullptr);

  const auto ok = f.h.host.admin("POST", "/api/v1/cesid/import", "",
                                 "dn,cesid\n1001,6135550101\n1002,6135550102,yes\n");
  CHECK(ok.status == 200);
  CHECK(ok.body == R"({"listed":2,"changed":2,"removed":0,"count":3})");
  f.h.host.run_pending();
  CHECK(f.h.host.store_get("cesid", "1002") == R"({"cesid":"6135550102","privacy":true})");

  const auto again = f.h.host.admin("POST", "/api/v1/cesid/import", "replace=true",
                                    R"([{"dn":"1001","cesid":"6135550101"}])");
  CHECK(again.body == R"({"listed":1,"changed":0,"removed":2,"count":1})");
  f.h.host.run_pending();
  CHECK_FALSE(f.h.host.store_get("cesid", "1009"));
  CHECK(f.h.host.admin("POST", "/api/v1/cesid/other", "", "").status == 404);
}

TEST_CASE("the table is loaded at start; unreadable records are logged and skipped") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1001", R"({"cesid":"6135550101","privacy":false})");
  f.h.host.store_seed("cesid", "1002", R"({"cesid":"12"})");
  REQUIRE(f.load());
  CHECK(f.module().table().size() == 1);
  CHECK(f.h.host.logged("stored CESID entry of DN 1002 is unreadable", LS_LOG_ERROR));
}

namespace {

ls_call_event_t call_event(uint32_t change, uint32_t status, uint32_t by, int64_t answered_ms) {
  ls_call_event_t e{};
  e.size = sizeof e;
  e.change = change;
  e.call_id = 7;
  e.caller_dn = "1001";
  e.dialled = "911";
  e.status = status;
  e.ended_by = by;
  e.answer_unix_ms = answered_ms;
  e.emergency = 1;
  return e;
}

}  // namespace

TEST_CASE(
    "an emergency call no gateway answered is logged at the highest level and the desk told") {
  EmergencyFixture f;
  f.h.host.config().set("front_desk", "1005");
  f.location.rows.push_back(
      {"1005", "sip:1005@192.0.2.50:5070", LS_TRANSPORT_UDP, 0, "192.0.2.50", false});
  REQUIRE(f.load());
  f.call("1001", "911", "dev-1001", "1001");
  const ls_call_event_t ended = call_event(LS_CALL_ENDED, 503, LS_CALL_BY_SYSTEM, 0);
  f.h.emit(LS_EVENT_CALL, &ended);
  CHECK(f.h.host.logged(
      "EMERGENCY CALL 7 from DN 1001 FAILED: no emergency route answered (final status 503",
      LS_LOG_ERROR));
  CHECK(f.h.host.counter("calls_failed") == 1);
  auto &sent = lineside::test::RouteHookHarness::sent();
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].body.find("EMERGENCY CALL FAILED: 911 from DN 1001") == 0);
}

TEST_CASE("answered and abandoned emergency calls are logged; other calls are ignored") {
  EmergencyFixture f;
  REQUIRE(f.load());
  f.call("1001", "911", "dev-1001", "1001");
  const ls_call_event_t answered = call_event(LS_CALL_ANSWERED, 0, LS_CALL_BY_NONE, 1700000000000);
  f.h.emit(LS_EVENT_CALL, &answered);
  CHECK(f.h.host.logged("emergency call 7 from DN 1001 answered", LS_LOG_NOTICE));
  const ls_call_event_t done = call_event(LS_CALL_ENDED, 200, LS_CALL_BY_CALLER, 1700000000000);
  f.h.emit(LS_EVENT_CALL, &done);
  CHECK(f.h.host.logged("emergency call 7 from DN 1001 ended (status 200)", LS_LOG_NOTICE));

  ls_call_event_t abandoned = call_event(LS_CALL_ENDED, 487, LS_CALL_BY_CALLER, 0);
  abandoned.call_id = 8;  // flagged by the host, routed by another module
  f.h.emit(LS_EVENT_CALL, &abandoned);
  CHECK(f.h.host.logged("EMERGENCY CALL 8 from DN 1001 ABANDONED", LS_LOG_ERROR));

  ls_call_event_t internal = call_event(LS_CALL_ENDED, 486, LS_CALL_BY_CALLEE, 0);
  internal.call_id = 9;
  internal.emergency = 0;
  f.h.host.clear_logs();
  f.h.emit(LS_EVENT_CALL, &internal);
  CHECK(f.h.host.logs().empty());
}

namespace {

ls_registration_event_t registration(uint32_t change, const char *addr) {
  ls_registration_event_t e{};
  e.size = sizeof e;
  e.change = change;
  e.aor = "sip:1001@pbx.test";
  e.device_id = "dev-1001";
  e.contact_uri = "sip:1001@x";
  e.source_addr = addr;
  e.source_port = 5062;
  return e;
}

}  // namespace

TEST_CASE("a device registering from a new address is a move: warned, listed, CESID unchanged") {
  EmergencyFixture f;
  f.h.host.store_seed("cesid", "1001", R"({"cesid":"6135550101","privacy":false})");
  REQUIRE(f.load());
  auto restored = registration(LS_REG_RESTORED, "192.0.2.20");
  f.h.emit(LS_EVENT_REGISTRATION, &restored);
  auto same = registration(LS_REG_REFRESHED, "192.0.2.20");
  f.h.emit(LS_EVENT_REGISTRATION, &same);
  CHECK(f.module().moves().total_moves() == 0);
  auto moved = registration(LS_REG_BOUND, "198.51.100.7");
  f.h.emit(LS_EVENT_REGISTRATION, &moved);
  CHECK(f.module().moves().total_moves() == 1);
  CHECK(f.h.host.logged(
      "device dev-1001 (DN 1001) now registers from 198.51.100.7, before from 192.0.2.20: "
      "it may have moved. Its emergency CESID 6135550101 (table) is NOT changed",
      LS_LOG_WARNING));
  CHECK(f.module().table().find("1001")->cesid == "6135550101");
  CHECK(
      f.h.host.admin("GET", "/api/v1/cesid")
          .body.find(
              R"("moves":[{"device_id":"dev-1001","user":"1001","from":"192.0.2.20","to":"198.51.100.7")") !=
      std::string::npos);
  auto removed = registration(LS_REG_REMOVED, "203.0.113.1");
  f.h.emit(LS_EVENT_REGISTRATION, &removed);
  CHECK(f.module().moves().total_moves() == 1);
  ls_device_event_t gone{
      sizeof(ls_device_event_t), LS_DEVICE_REMOVED, "dev-1001", "1001", "1001", "1001"};
  f.h.emit(LS_EVENT_DEVICE_CHANGED, &gone);
  auto back = registration(LS_REG_BOUND, "203.0.113.1");
  f.h.emit(LS_EVENT_REGISTRATION, &back);
  CHECK(f.module().moves().total_moves() == 1);  // forgotten with the device: a new baseline
}
