// tests/unit/emergency/identity_test.cpp: the privacy rule and the identity an emergency leg
// carries.
#include <doctest/doctest.h>

#include "emergency_identity.hpp"

using namespace lineside::emergency;

TEST_CASE("privacy is asked by Privacy: id/user/header or an Anonymous From; none wins") {
  CHECK(privacy_requested({"id"}, ""));
  CHECK(privacy_requested({"header; user"}, ""));
  CHECK(privacy_requested({"session", "ID"}, ""));
  CHECK_FALSE(privacy_requested({"session"}, ""));
  CHECK_FALSE(privacy_requested({"none"}, ""));
  CHECK_FALSE(privacy_requested({"id", "none"}, ""));
  CHECK(privacy_requested({}, "Anonymous"));
  CHECK_FALSE(privacy_requested({}, "Ext 1001"));
}

TEST_CASE("without privacy the CESID is in From and P-Asserted-Identity") {
  const auto id = identity_for("6135550101", "1001", false, true, "pbx.test");
  CHECK(id.from_user == "6135550101");
  CHECK_FALSE(id.from_display);
  CHECK(id.asserted_identity == "<sip:6135550101@pbx.test>");
  CHECK(id.extra_headers == "Priority: emergency\r\n");
  CHECK_FALSE(id.anonymous);
}

TEST_CASE("with privacy and signal_privacy: From Anonymous, the CESID only in PAI, Privacy: id") {
  const auto id = identity_for("6135550101", "1001", true, true, "carrier.example");
  CHECK(id.from_user == "anonymous");
  CHECK(id.from_display == "Anonymous");
  CHECK(id.asserted_identity == "<sip:6135550101@carrier.example>");
  CHECK(id.extra_headers == "Priority: emergency\r\nPrivacy: id\r\n");
  CHECK(id.anonymous);
}

TEST_CASE("with privacy but signal_privacy off the CESID stays in From") {
  const auto id = identity_for("6135550101", "1001", true, false, "pbx.test");
  CHECK(id.from_user == "6135550101");
  CHECK_FALSE(id.anonymous);
}

TEST_CASE("no CESID at all: the caller's DN in PAI, From left to the kernel") {
  const auto id = identity_for("", "1001", false, true, "pbx.test");
  CHECK_FALSE(id.from_user);
  CHECK(id.asserted_identity == "<sip:1001@pbx.test>");
  CHECK(identity_for("", "", false, true, "pbx.test").asserted_identity.empty());
}
