// How a finished call maps onto SMDR fields, and which calls get a record at all.
#include "smdr_fields.hpp"

#include <doctest/doctest.h>

#include "billing_test_support.hpp"

namespace lineside::billing {
namespace {

constexpr int64_t kStart = 1'709'647'620'000;  // any instant; the local time is passed in

CallRecord internal_answered() {
  CallRecord c;
  c.call_id = 7;
  c.caller_dn = "1001";
  c.dialled = "1002";
  c.callee_dn = "1002";
  c.start_unix_ms = kStart;
  c.answer_unix_ms = kStart + 4'900;
  c.end_unix_ms = kStart + 4'900 + 65'999;
  c.status = 200;
  c.q850_cause = 16;
  return c;
}

const LocalTime kAt{3, 5, 14, 7};

TEST_CASE("answered internal call: parties, digits, whole seconds rounded down, TTA, I") {
  const SmdrFields f = smdr_fields(internal_answered(), SmdrOptions{}, kAt);
  CHECK(f.month == 3);
  CHECK(f.day == 5);
  CHECK(f.hour == 14);
  CHECK(f.minute == 7);
  CHECK(f.duration_s == 65);
  CHECK(f.calling_party == "1001");
  CHECK(f.called_party == "1002");
  CHECK(f.digits == "1002");
  CHECK(f.tta_kind == TimeToAnswer::seconds);
  CHECK(f.tta_s == 4);
  CHECK(f.completion == 'I');
  CHECK(f.speed_forward == ' ');
  CHECK(f.transfer == ' ');
  CHECK(f.third_party.empty());
  CHECK(f.account_code.empty());
  CHECK(f.system_id == "000");
}

TEST_CASE("unanswered internal call: no duration, *** and the dialled DN as called party") {
  CallRecord c = internal_answered();
  c.answer_unix_ms = 0;
  c.callee_dn.clear();
  c.status = 486;
  c.q850_cause = 17;
  const SmdrFields f = smdr_fields(c, SmdrOptions{}, kAt);
  CHECK(f.duration_s == 0);
  CHECK(f.tta_kind == TimeToAnswer::unanswered);
  CHECK(f.called_party == "1002");
  CHECK(f.completion == 'B');
}

TEST_CASE("forwarded call answered elsewhere: the DN that answered, the digits dialled, F") {
  CallRecord c = internal_answered();
  c.callee_dn = "1005";
  c.forwarded = true;
  const SmdrFields f = smdr_fields(c, SmdrOptions{}, kAt);
  CHECK(f.called_party == "1005");
  CHECK(f.digits == "1002");
  CHECK(f.speed_forward == 'F');
}

TEST_CASE("outgoing trunk call: Tnnn called party (Tnnnn extended), blank TTA, A") {
  CallRecord c = internal_answered();
  c.dialled = "96135952122";
  c.callee_dn = "96135952122";
  c.trunk_name = "pstn";
  c.trunk_number = 54;
  SmdrOptions o;
  o.system_id = "042";
  SmdrFields f = smdr_fields(c, o, kAt);
  CHECK(f.called_party == "T054");
  CHECK(f.digits == "96135952122");
  CHECK(f.tta_kind == TimeToAnswer::blank);
  CHECK(f.completion == 'A');
  CHECK(f.system_id == "042");
  o.layout.extended_digits = true;
  CHECK(smdr_fields(c, o, kAt).called_party == "T0054");
  c.answer_unix_ms = 0;
  c.status = 403;
  f = smdr_fields(c, o, kAt);
  CHECK(f.completion == 'T');
  CHECK(f.tta_kind == TimeToAnswer::blank);
}

TEST_CASE("transferred call: T and the transfer target as third party") {
  CallRecord c = internal_answered();
  c.third_party_dn = "1004";
  c.transferred_by_dn = "1002";
  const SmdrFields f = smdr_fields(c, SmdrOptions{}, kAt);
  CHECK(f.transfer == 'T');
  CHECK(f.third_party == "1004");
}

TEST_CASE("which calls get a record: internal/external options; emergency always") {
  CallRecord internal = internal_answered();
  CallRecord external = internal_answered();
  external.trunk_number = 9;
  SmdrOptions o;
  o.internal = false;
  o.external = true;
  CHECK_FALSE(smdr_wanted(internal, o));
  CHECK(smdr_wanted(external, o));
  o.internal = true;
  o.external = false;
  CHECK(smdr_wanted(internal, o));
  CHECK_FALSE(smdr_wanted(external, o));
  o.internal = false;
  internal.emergency = true;
  external.emergency = true;
  CHECK(smdr_wanted(internal, o));
  CHECK(smdr_wanted(external, o));
}

TEST_CASE("local_time_of gives the local calendar fields") {
  const LocalTime t = local_time_of(test::local_ms(2024, 12, 31, 23, 58, 30));
  CHECK(t.month == 12);
  CHECK(t.day == 31);
  CHECK(t.hour == 23);
  CHECK(t.minute == 58);
}

}  // namespace
}  // namespace lineside::billing
