// tests/unit/transfer/refer_plan_test.cpp: what an in-dialog REFER is turned into (pure decision).
#include "refer_plan.hpp"

#include <doctest/doctest.h>

using namespace lineside::transfer;

namespace {

ReferFacts facts(std::vector<std::string> refer_to) {
  ReferFacts f;
  f.refer_to = std::move(refer_to);
  f.from_user = "1002";
  f.from_display = "Ext 1002";
  f.request_uri_host = "127.0.0.1";
  return f;
}

const LocalHosts kHosts{"pbx.test", {"pbx.example.com"}};

}  // namespace

TEST_CASE("a Refer-To a number in our domain is a blind transfer with a built Referred-By") {
  ReferPlan p = plan_refer(facts({"<sip:1003@pbx.test>"}), kHosts);
  CHECK(p.kind == ReferPlan::Kind::blind);
  CHECK(p.target_dn == "1003");
  CHECK(p.referred_by == "\"Ext 1002\" <sip:1002@pbx.test>");
  CHECK(p.notify);
}

TEST_CASE("our address, an alias and the domain in any case are local") {
  CHECK(plan_refer(facts({"<sip:1003@127.0.0.1:5060>"}), kHosts).kind == ReferPlan::Kind::blind);
  CHECK(plan_refer(facts({"<sip:1003@PBX.Example.COM>"}), kHosts).kind == ReferPlan::Kind::blind);
  CHECK(plan_refer(facts({"<sip:1003@Pbx.Test>"}), kHosts).kind == ReferPlan::Kind::blind);
}

TEST_CASE("the REFER's own Referred-By is passed on, Refer-Sub: false turns progress off") {
  ReferFacts f = facts({"<sip:1003@pbx.test>"});
  f.referred_by = "  <sip:1002@pbx.test>;cid=abc ";
  f.refer_sub = "FALSE";
  ReferPlan p = plan_refer(f, kHosts);
  CHECK(p.referred_by == "<sip:1002@pbx.test>;cid=abc");
  CHECK_FALSE(p.notify);
}

TEST_CASE("hostile or malformed REFERs are refused with their status") {
  auto refused = [](ReferFacts f) {
    ReferPlan p = plan_refer(f, kHosts);
    CHECK(p.kind == ReferPlan::Kind::refuse);
    return std::make_pair(p.status, p.reason);
  };
  CHECK(refused(facts({})) == std::make_pair(400u, std::string("Missing Refer-To")));
  CHECK(refused(facts({"<sip:1003@pbx.test>", "<sip:1004@pbx.test>"})) ==
        std::make_pair(400u, std::string("Multiple Refer-To")));
  CHECK(refused(facts({"<tel:1003>"})).first == 400);
  CHECK(refused(facts({"<sip:1003@evil.example>"})) ==
        std::make_pair(403u, std::string("Foreign Domain")));
  CHECK(refused(facts({"<sip:pbx.test>"})) ==
        std::make_pair(400u, std::string("Refer-To Names No Number")));
  CHECK(refused(facts({"<sip:10%2503@pbx.test>"})).first == 400);
  CHECK(refused(facts({"<sip:1003@pbx.test;method=BYE>"})).first == 403);
  CHECK(refused(facts({"<sip:1003@pbx.test?Replaces=abc%3Bto-tag%3Dx>"})) ==
        std::make_pair(400u, std::string("Malformed Replaces In Refer-To")));
  ReferFacts bad_by = facts({"<sip:1003@pbx.test>"});
  bad_by.referred_by = "<mailto:x@y>";
  CHECK(refused(bad_by) == std::make_pair(400u, std::string("Malformed Referred-By")));
}

TEST_CASE("a foreign domain is refused even with a Replaces") {
  ReferPlan p =
      plan_refer(facts({"<sip:1003@evil.example?Replaces=a%3Bto-tag%3Dx%3Bfrom-tag%3Dy>"}), kHosts);
  CHECK(p.status == 403);
}

TEST_CASE("a Refer-To with Replaces is an attended transfer of that dialog") {
  ReferPlan p = plan_refer(
      facts({"<sip:1003@pbx.test?Replaces=c1%40h%3Bto-tag%3Dsrv%3Bfrom-tag%3Dph>"}), kHosts);
  REQUIRE(p.kind == ReferPlan::Kind::attended);
  CHECK(p.replaces.call_id == "c1@h");
  CHECK(p.replaces.to_tag == "srv");
  CHECK(p.replaces.from_tag == "ph");
}

TEST_CASE("no Referred-By is built from a From user that cannot be a number") {
  ReferFacts f = facts({"<sip:1003@pbx.test>"});
  f.from_user = "a b";
  CHECK(plan_refer(f, kHosts).referred_by.empty());
}
