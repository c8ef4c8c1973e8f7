// Call events merged into one record per call: ATTEMPT..ENDED, TRANSFERRED, the bound, events of
// an older (shorter) ls_call_event_t.
#include "call_tracker.hpp"

#include <doctest/doctest.h>

#include <cstddef>

#include "billing_test_support.hpp"

namespace lineside::billing {
namespace {

using test::EventBuilder;

TEST_CASE("attempt, ringing, answered, ended -> one record, and the call is forgotten") {
  CallTracker tracker(10);
  EventBuilder b;
  CHECK_FALSE(tracker.on_event(b.make(LS_CALL_ATTEMPT, 1, 1000)));
  CHECK_FALSE(tracker.on_event(b.make(LS_CALL_RINGING, 1, 1000)));
  CHECK(tracker.size() == 1);
  b.callee_device_id = "dev-1002";
  b.callee_dn = "1002";
  CHECK_FALSE(tracker.on_event(b.make(LS_CALL_ANSWERED, 1, 1000, 3000)));
  b.reason = "caller hung up";
  auto rec = tracker.on_event(b.make(LS_CALL_ENDED, 1, 1000, 3000, 9000, 200, 16));
  REQUIRE(rec);
  CHECK(rec->call_id == 1);
  CHECK(rec->caller_device_id == "dev-1001");
  CHECK(rec->caller_dn == "1001");
  CHECK(rec->dialled == "1002");
  CHECK(rec->callee_device_id == "dev-1002");
  CHECK(rec->callee_dn == "1002");
  CHECK(rec->start_unix_ms == 1000);
  CHECK(rec->answer_unix_ms == 3000);
  CHECK(rec->end_unix_ms == 9000);
  CHECK(rec->status == 200);
  CHECK(rec->q850_cause == 16);
  CHECK(rec->reason == "caller hung up");
  CHECK(rec->ended_by == EndedBy::caller);
  CHECK(tracker.size() == 0);
}

TEST_CASE("the TRANSFERRED event path: target and transferor reach the record at ENDED") {
  CallTracker tracker(10);
  EventBuilder b;
  tracker.on_event(b.make(LS_CALL_ATTEMPT, 4, 1000));
  b.callee_dn = "1002";
  tracker.on_event(b.make(LS_CALL_ANSWERED, 4, 1000, 2000));
  b.third_party_dn = "1004";
  b.transferred_by_dn = "1002";
  b.callee_dn = "1004";  // the engine now names the transfer target as the callee
  tracker.on_event(b.make(LS_CALL_TRANSFERRED, 4, 1000, 2000));
  // An ENDED event that no longer repeats the transfer (or a module that never fills it).
  b.third_party_dn.clear();
  b.transferred_by_dn.clear();
  auto rec = tracker.on_event(b.make(LS_CALL_ENDED, 4, 1000, 2000, 5000, 200, 16));
  REQUIRE(rec);
  CHECK(rec->callee_dn == "1002");  // the called party stays the one who answered first
  CHECK(rec->transferred());
  CHECK(rec->third_party_dn == "1004");
  CHECK(rec->transferred_by_dn == "1002");
}

TEST_CASE("an ENDED event alone is a complete record (call never seen, or evicted)") {
  CallTracker tracker(10);
  EventBuilder b;
  b.trunk_name = "pstn";
  auto rec = tracker.on_event(b.make(LS_CALL_ENDED, 9, 1000, 0, 4000, 486, 17, 54, 1));
  REQUIRE(rec);
  CHECK(rec->status == 486);
  CHECK(rec->trunk_name == "pstn");
  CHECK(rec->trunk_number == 54);
  CHECK(rec->forwarded);
  CHECK(rec->external());
  CHECK(tracker.size() == 0);
}

TEST_CASE("flags seen on an earlier event stay on (forwarded, emergency)") {
  CallTracker tracker(10);
  EventBuilder b;
  ls_call_event_t attempt = b.make(LS_CALL_ATTEMPT, 2, 1000, 0, 0, 0, 0, 0, 1);
  attempt.emergency = 1;
  tracker.on_event(attempt);
  auto rec = tracker.on_event(b.make(LS_CALL_ENDED, 2, 1000, 0, 3000, 480, 19));
  REQUIRE(rec);
  CHECK(rec->forwarded);
  CHECK(rec->emergency);
}

TEST_CASE("the table is bounded: the oldest call is evicted, its ENDED still gives a record") {
  CallTracker tracker(3);
  EventBuilder b;
  for (uint64_t id = 1; id <= 5; ++id) tracker.on_event(b.make(LS_CALL_ATTEMPT, id, 1000));
  CHECK(tracker.size() == 3);
  CHECK(tracker.evicted() == 2);
  auto rec = tracker.on_event(b.make(LS_CALL_ENDED, 1, 1000, 0, 2000, 487, 16));
  REQUIRE(rec);
  CHECK(rec->call_id == 1);
  CHECK(tracker.size() == 3);
  tracker.on_event(b.make(LS_CALL_ENDED, 5, 1000, 0, 2000, 487, 16));
  CHECK(tracker.size() == 2);
}

TEST_CASE("an event from a host built before the appended fields: they are not read") {
  CallTracker tracker(10);
  EventBuilder b;
  b.third_party_dn = "1004";
  ls_call_event_t old = b.make(LS_CALL_ENDED, 3, 1000, 2000, 5000, 200, 16, 54, 1);
  old.size = static_cast<uint32_t>(offsetof(ls_call_event_t, ended_by) + sizeof(uint32_t));
  auto rec = tracker.on_event(old);
  REQUIRE(rec);
  CHECK(rec->status == 200);
  CHECK(rec->trunk_number == 0);
  CHECK_FALSE(rec->forwarded);
  CHECK_FALSE(rec->transferred());
}

TEST_CASE("unknown change values are ignored and never create state") {
  CallTracker tracker(10);
  EventBuilder b;
  CHECK_FALSE(tracker.on_event(b.make(99, 1, 1000)));
  CHECK_FALSE(tracker.on_event(b.make(0, 1, 1000)));
  CHECK(tracker.size() == 0);
}

}  // namespace
}  // namespace lineside::billing
