// The whole module in a fake host: call events in, the exact SMDR record in the file and on the
// stream, CDR lines, live system options, emergency calls, status route, reload, bounded state.
#include <doctest/doctest.h>

#include "billing_fixture.hpp"
#include "stream_client.hpp"

namespace lineside::billing {
namespace {

using test::BillingFixture;
using test::cols;
using test::EventBuilder;

const int64_t kStart = test::local_ms(2024, 3, 5, 14, 7, 9, 250);

/// 1001 calls 1002, answered after 4.75 s, talks 65.5 s.
void answered_call(BillingFixture &f, uint64_t id, EventBuilder &b) {
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, id, kStart));
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_RINGING, id, kStart));
  b.callee_device_id = "dev-1002";
  b.callee_dn = "1002";
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ANSWERED, id, kStart, kStart + 4750));
  f.host.emit(LS_EVENT_CALL,
              &b.make(LS_CALL_ENDED, id, kStart, kStart + 4750, kStart + 70250, 200, 16));
}

/// 1001 calls 1002, which is busy.
void busy_call(BillingFixture &f, uint64_t id, EventBuilder &b) {
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, id, kStart));
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ENDED, id, kStart, 0, kStart + 300, 486, 17));
}

const std::string kAnsweredLine =
    " 03/05 14:07  00:01:05 1001  004 1002                      I 1002                    000  "
    "\r\n";
const std::string kBusyLine =
    " 03/05 14:07  00:00:00 1001  *** 1002                      B 1002                    000  "
    "\r\n";

TEST_CASE("one SMDR record and one CDR line per call, at its end, exactly as laid out") {
  BillingFixture f;
  f.host.config().child("cdr_csv").set("enabled", true);
  REQUIRE(f.load());
  EventBuilder b;
  answered_call(f, 1, b);
  EventBuilder busy;
  busy_call(f, 2, busy);
  CHECK(f.module().tracker().size() == 0);
  f.flush();
  CHECK(f.smdr() == kAnsweredLine + kBusyLine);
  const std::string json = f.cdr_json();
  CHECK(json.find("{\"call_id\":1,") == 0);
  CHECK(json.find("\n{\"call_id\":2,") != std::string::npos);
  CHECK(json.find("\"completion\":\"B\"") != std::string::npos);
  const auto csv = test::crlf_lines(f.cdr_csv());
  REQUIRE(csv.size() == 3);
  CHECK(csv[0].rfind("call_id,start,", 0) == 0);
  CHECK(csv[1].rfind("1,", 0) == 0);
  CHECK(csv[2].rfind("2,", 0) == 0);
  CHECK(f.host.counter("smdr_records") == 2);
}

TEST_CASE("the stream carries the same records to a connected collector") {
  BillingFixture f;
  f.host.config().child("smdr_stream").set("enabled", true).set("listen", "127.0.0.1:0");
  REQUIRE(f.load());
  REQUIRE(f.module().stream() != nullptr);
  test::Client collector(f.module().stream()->bound_port());
  REQUIRE(collector.connected());
  for (int i = 0; i < 200 && f.module().stream()->collectors().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EventBuilder b;
  answered_call(f, 1, b);
  CHECK(collector.read(kAnsweredLine.size()) == kAnsweredLine);
  f.flush();
  CHECK(f.smdr() == kAnsweredLine);
}

TEST_CASE("system options apply live: internal SMDR off keeps the CDR; 12-hour clock; system id") {
  BillingFixture f;
  REQUIRE(f.load());
  f.caps.smdr_internal = false;
  EventBuilder b;
  answered_call(f, 1, b);
  f.caps.smdr_internal = true;
  f.caps.smdr_24h_clock = false;
  f.caps.smdr_system_id = "042";
  EventBuilder b2;
  answered_call(f, 2, b2);
  f.caps.smdr_extended_digits = true;
  EventBuilder b3;
  answered_call(f, 3, b3);
  f.flush();
  const auto lines = test::crlf_lines(f.smdr());
  REQUIRE(lines.size() == 2);
  CHECK(cols(lines[0], 8, 13) == "02:07P");
  CHECK(cols(lines[0], 86, 88) == "042");
  CHECK(lines[1].size() == 103);
  CHECK(cols(lines[1], 15, 24) == "0000:01:05");
  CHECK(f.cdr_json().find("{\"call_id\":1,") == 0);  // the CDR has every call
  CHECK(f.caps.calls >= 3);                          // read per record
}

TEST_CASE("an emergency call gets an SMDR record even with internal and external SMDR off") {
  BillingFixture f;
  REQUIRE(f.load());
  f.caps.smdr_internal = false;
  f.caps.smdr_external = false;
  EventBuilder b;
  b.dialled = "911";
  b.trunk_name = "emergency";
  ls_call_event_t attempt = b.make(LS_CALL_ATTEMPT, 5, kStart, 0, 0, 0, 0, 911);
  attempt.emergency = 1;
  f.host.emit(LS_EVENT_CALL, &attempt);
  b.callee_dn = "911";
  f.host.emit(LS_EVENT_CALL,
              &b.make(LS_CALL_ENDED, 5, kStart, kStart + 2000, kStart + 62000, 200, 16, 911));
  EventBuilder plain;
  answered_call(f, 6, plain);  // not an emergency: no SMDR
  f.flush();
  const std::string smdr = f.smdr();
  REQUIRE(test::crlf_lines(smdr).size() == 1);
  CHECK(cols(smdr, 34, 59) == "911                       ");
  CHECK(cols(smdr, 60, 60) == "A");
  CHECK(cols(smdr, 62, 65) == "T911");
  CHECK(f.cdr_json().find("\"emergency\":true") != std::string::npos);
}

TEST_CASE("a transferred call: flag T and the third party, from the TRANSFERRED event") {
  BillingFixture f;
  REQUIRE(f.load());
  EventBuilder b;
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, 8, kStart));
  b.callee_dn = "1002";
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ANSWERED, 8, kStart, kStart + 1000));
  b.third_party_dn = "1004";
  b.transferred_by_dn = "1002";
  b.callee_dn = "1004";  // 1002 transferred the call to 1004, now the other party
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_TRANSFERRED, 8, kStart, kStart + 1000));
  f.host.emit(LS_EVENT_CALL,
              &b.make(LS_CALL_ENDED, 8, kStart, kStart + 1000, kStart + 31000, 200, 16));
  f.flush();
  const std::string l = f.smdr();
  CHECK(cols(l, 62, 65) == "1002");
  CHECK(cols(l, 66, 66) == "T");
  CHECK(cols(l, 68, 71) == "1004");
  CHECK(f.cdr_json().find("\"third_party_dn\":\"1004\",\"transferred_by_dn\":\"1002\"") !=
        std::string::npos);
}

TEST_CASE("a DN too long for the standard columns is marked and logged, the CDR keeps it whole") {
  BillingFixture f;
  REQUIRE(f.load());
  EventBuilder b;
  b.caller_dn = "200145";
  busy_call(f, 1, b);
  f.flush();
  CHECK(cols(f.smdr(), 24, 27) == "200?");
  CHECK(f.host.logged("calling_party longer than its columns", LS_LOG_WARNING));
  CHECK(f.host.counter("smdr_fields_overflowed") == 1);
  CHECK(f.cdr_json().find("\"caller_dn\":\"200145\"") != std::string::npos);
}

TEST_CASE("GET /api/v1/billing/status: records, files, stream, tracked calls") {
  BillingFixture f;
  f.host.config().child("smdr_stream").set("enabled", true).set("listen", "127.0.0.1:0");
  REQUIRE(f.load());
  EventBuilder b;
  busy_call(f, 1, b);
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, 2, kStart));
  const auto r = f.host.admin("GET", "/api/v1/billing/status");
  CHECK(r.status == 200);
  CHECK(r.body.find("\"smdr_records\":1,\"cdr_records\":1,") != std::string::npos);
  CHECK(r.body.find("\"smdr\":{\"path\":\"" + f.dir.file("smdr/smdr.txt") + "\"") !=
        std::string::npos);
  CHECK(r.body.find("\"cdr_csv\":null") != std::string::npos);
  CHECK(r.body.find("\"last_error\":null") != std::string::npos);
  CHECK(r.body.find("\"listen\":\"127.0.0.1\",\"port\":" +
                    std::to_string(f.module().stream()->bound_port())) != std::string::npos);
  CHECK(r.body.find("\"collectors\":[]") != std::string::npos);
  CHECK(r.body.find("\"tracked_calls\":1}") != std::string::npos);
  CHECK(f.host.admin("GET", "/api/v1/billing/other").status == 404);
}

TEST_CASE("reload: a new SMDR path takes effect, the tracked calls survive") {
  BillingFixture f;
  REQUIRE(f.load());
  EventBuilder b;
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, 1, kStart));
  testing::FakeConfig next;
  next.child("smdr_file").set("path", f.dir.file("new/smdr.txt"));
  next.child("cdr_json").set("path", f.dir.file("cdr/cdr.jsonl"));
  next.child("cdr_csv").set("path", f.dir.file("cdr/cdr.csv"));
  next.set("max_tracked_calls", 50);
  REQUIRE(f.host.reconfigure(std::move(next)));
  CHECK(f.module().tracker().size() == 1);
  CHECK(f.module().tracker().capacity() == 50);
  f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ENDED, 1, kStart, 0, kStart + 300, 486, 17));
  f.flush();
  CHECK(test::read_file(f.dir.file("new/smdr.txt")) == kBusyLine);
  CHECK(f.smdr().empty());
  testing::FakeConfig bad;
  bad.child("smdr_stream").set("listen", "nowhere");
  CHECK_FALSE(f.host.reconfigure(std::move(bad)));
}

TEST_CASE("per-call state is bounded and dropped at the end") {
  BillingFixture f;
  f.host.config().set("max_tracked_calls", 10);
  REQUIRE(f.load());
  EventBuilder b;
  for (uint64_t id = 1; id <= 25; ++id)
    f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ATTEMPT, id, kStart));
  CHECK(f.module().tracker().size() == 10);
  for (uint64_t id = 16; id <= 25; ++id)
    f.host.emit(LS_EVENT_CALL, &b.make(LS_CALL_ENDED, id, kStart, 0, kStart + 100, 487, 16));
  CHECK(f.module().tracker().size() == 0);
  CHECK(f.host.gauge("tracked_calls") == 0);
}

TEST_CASE("events of other kinds and short payloads are ignored") {
  BillingFixture f;
  REQUIRE(f.load());
  EventBuilder b;
  ls_call_event_t tiny = b.make(LS_CALL_ATTEMPT, 1, kStart);
  tiny.size = 8;
  f.host.emit(LS_EVENT_CALL, &tiny);
  CHECK(f.module().tracker().size() == 0);
}

}  // namespace
}  // namespace lineside::billing
