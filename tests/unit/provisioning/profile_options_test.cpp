// tests/unit/provisioning/profile_options_test.cpp: capability profile and system option rules.
#include "ops_support.hpp"
#include "directory/device_types.hpp"
#include "provisioning/profile_json.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

TEST_CASE("64 user profiles start from the factory defaults, AVP only on") {
  DirectoryData d;
  for (uint32_t i = 1; i <= kUserProfileMax; ++i) {
    CHECK(d.profiles[i - 1].id == i);
    CHECK(d.profiles[i - 1].avp_only);
    CHECK_FALSE(d.profiles[i - 1].builtin);
  }
}

TEST_CASE("every device type has a read-only built-in profile") {
  for (const DeviceType &t : device_types()) {
    const CapabilityProfile *p = builtin_profile(t.builtin_profile);
    REQUIRE(p);
    CHECK(p->builtin);
    CHECK(p->avp_only);
  }
  OpResult r = op_patch_profile(DirectoryData{}, kBuiltinProfileBase, *json(R"({"avp_only":false})"));
  CHECK(r.refusal.status == 409);
  CHECK(rules(r) == Rules{{"id", "read_only"}});
  CHECK(op_patch_profile(DirectoryData{}, 65, *json("{}")).refusal.status == 404);
  CHECK(op_reset_profile(DirectoryData{}, kBuiltinProfileBase).refusal.status == 409);
}

TEST_CASE("profile fields and their rules") {
  OpResult r = op_patch_profile(DirectoryData{}, 3, *json(R"({"enable_prack":false,"avp_only":false,
      "session_timer":1800,"call_park_method":"refer","outbound_proxy":"sbc.example.net:5060","comment":"lobby"})"));
  REQUIRE_FALSE(r.refusal.refused());
  const CapabilityProfile &p = r.next.profiles[2];
  CHECK_FALSE(p.enable_prack);
  CHECK_FALSE(p.avp_only);
  CHECK(p.session_timer_s == 1800);
  CHECK(p.call_park_method == CallParkMethod::refer);
  CHECK(rules(op_patch_profile(DirectoryData{}, 3, *json(R"({"comment":"sixteen chars..."})"))) == Rules{{"comment", "format"}});
  CHECK(rules(op_patch_profile(DirectoryData{}, 3, *json(R"({"session_timer":30})"))) == Rules{{"session_timer", "range"}});
  CHECK(rules(op_patch_profile(DirectoryData{}, 3, *json(R"({"call_park_method":"magic"})"))) ==
        Rules{{"call_park_method", "enum"}});
  CHECK(rules(op_patch_profile(DirectoryData{}, 3, *json(R"({"outbound_proxy":"a b"})"))) ==
        Rules{{"outbound_proxy", "format"}});
  CHECK(rules(op_patch_profile(DirectoryData{}, 3, *json(R"({"id":4})"))) == Rules{{"id", "read_only"}});
  OpResult reset = op_reset_profile(r.next, 3);
  CHECK(reset.next.profiles[2] == default_user_profile(3));
}

TEST_CASE("a device's profile resolves to its number or its type's built-in") {
  Directory dir;
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("device_type":"5604")"));
  d = with(d, phone("2002", R"("profile":9)"));
  d.profiles[8].enable_prack = false;
  dir.replace(d);
  CHECK(dir.profile_for(*dir.by_id("dev-2001")).id == find_device_type("5604")->builtin_profile);
  CHECK(dir.profile_for(*dir.by_id("dev-2001")).device_based_in_call_features);
  CHECK_FALSE(dir.profile_for(*dir.by_id("dev-2002")).enable_prack);
}

TEST_CASE("system options") {
  OpResult r = op_patch_options(DirectoryData{}, *json(R"({"srtp_enabled":true,"default_cesid":"6135550000",
      "emergency_numbers":["911","933"],"smdr_internal":true,"smdr_system_id":"042"})"));
  REQUIRE_FALSE(r.refusal.refused());
  CHECK(r.next.options.srtp_enabled);
  CHECK(r.next.options.emergency_numbers == std::vector<std::string>{"911", "933"});
  CHECK(r.next.options.smdr_system_id == "042");
  CHECK(rules(op_patch_options(DirectoryData{}, *json(R"({"default_cesid":"12"})"))) == Rules{{"default_cesid", "format"}});
  CHECK(rules(op_patch_options(DirectoryData{}, *json(R"({"emergency_numbers":["9x1"]})"))) ==
        Rules{{"emergency_numbers[0]", "format"}});
  CHECK(rules(op_patch_options(DirectoryData{}, *json(R"({"smdr_system_id":"1234"})"))) == Rules{{"smdr_system_id", "format"}});
  CHECK(rules(op_patch_options(DirectoryData{}, *json(R"({"srtp_enabled":1})"))) == Rules{{"srtp_enabled", "type"}});
}
