// tests/unit/provisioning/directory_provider_test.cpp: what modules read through
// lineside.directory/1 and lineside.capabilities/1, and the kernel's DN lookups.
#include <cstring>

#include "ops_support.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

namespace {
DirectoryData sample() {
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("additional_dns":["2100","2101"],"cesid":"6135550100",
      "voicemail_box":"7001","forward_no_answer":"2002","forward_no_answer_timeout":15,"profile":3)"));
  d = with(d, phone("2002", R"("single_line":true,"additional_dns":[])"));
  d = with(d, phone("2003", R"("additional_dns":["2100"],"service_level":"basic","device_type":"5604")"));
  d.profiles[2].enable_prack = false;
  d.profiles[2].comment = "three";
  d.options.emergency_numbers = {"911", "933"};
  d.options.default_cesid = "6135550000";
  return d;
}
}  // namespace

TEST_CASE("device info carries the appended fields; line DNs through the accessor") {
  Directory dir;
  dir.replace(sample());
  const ls_directory_v1_t *t = Directory::provider_table();
  ls_device_info_t info{};
  info.size = sizeof info;
  REQUIRE(t->device_by_user(&dir, "2001", &info) == 0);
  CHECK(info.service_level == LS_SERVICE_FULL);
  CHECK(info.profile_id == 3);
  CHECK(info.additional_dn_count == 2);
  CHECK(std::strcmp(info.cesid, "6135550100") == 0);
  CHECK(std::strcmp(info.voicemail_box, "7001") == 0);
  CHECK(std::strcmp(info.forward_no_answer, "2002") == 0);
  CHECK(info.forward_no_answer_timeout_s == 15);
  const char *dn = nullptr;
  REQUIRE(t->device_additional_dn(&dir, "dev-2001", 1, &dn) == 0);
  CHECK(std::strcmp(dn, "2101") == 0);
  CHECK(t->device_additional_dn(&dir, "dev-2001", 2, &dn) == -1);
  REQUIRE(t->device_by_line_dn(&dir, "2101", &info) == 0);
  CHECK(std::strcmp(info.device_id, "dev-2001") == 0);
  REQUIRE(t->device_by_user(&dir, "2002", &info) == 0);
  CHECK(info.single_line == 1);
  CHECK(info.profile_id == kBuiltinProfileBase);
  REQUIRE(t->device_by_user(&dir, "2003", &info) == 0);
  CHECK(info.service_level == LS_SERVICE_BASIC);
}

TEST_CASE("an old module's shorter ls_device_info_t is filled only as far as its size") {
  Directory dir;
  dir.replace(sample());
  ls_device_info_t info;
  std::memset(&info, 0xab, sizeof info);
  info.size = static_cast<uint32_t>(offsetof(ls_device_info_t, service_level));
  REQUIRE(Directory::provider_table()->device_by_user(&dir, "2001", &info) == 0);
  CHECK(info.size == offsetof(ls_device_info_t, service_level));
  CHECK(std::strcmp(info.device_type, "generic-sip") == 0);
  CHECK(info.service_level == 0xabababab);
}

TEST_CASE("devices_for_dn: the main owner first, then every device carrying it as a line") {
  Directory dir;
  dir.replace(sample());
  std::vector<const Device *> both = dir.devices_for_dn("2100");
  REQUIRE(both.size() == 2);
  CHECK(both[0]->id == "dev-2001");
  CHECK(both[1]->id == "dev-2003");
  REQUIRE(dir.devices_for_dn("2002").size() == 1);
  CHECK(dir.devices_for_dn("9999").empty());
}

TEST_CASE("capabilities: the profile of a device, by number, and the system options") {
  Directory dir;
  dir.replace(sample());
  const ls_capabilities_v1_t *c = Directory::capabilities_table();
  ls_capability_profile_t p{};
  p.size = sizeof p;
  REQUIRE(c->profile_of_device(&dir, "dev-2001", &p) == 0);
  CHECK(p.id == 3);
  CHECK(p.enable_prack == 0);
  CHECK(p.avp_only == 1);
  CHECK(std::strcmp(p.comment, "three") == 0);
  REQUIRE(c->profile_of_device(&dir, "dev-2003", &p) == 0);
  CHECK(p.builtin == 1);
  CHECK(p.device_based_in_call_features == 1);
  CHECK(c->profile_of_device(&dir, "nope", &p) == -1);
  CHECK(c->profile_by_id(&dir, 64, &p) == 0);
  CHECK(c->profile_by_id(&dir, 65, &p) == -1);
  ls_system_options_t o{};
  o.size = sizeof o;
  REQUIRE(c->system_options(&dir, &o) == 0);
  REQUIRE(o.emergency_number_count == 2);
  CHECK(std::strcmp(o.emergency_numbers[1], "933") == 0);
  CHECK(std::strcmp(o.default_cesid, "6135550000") == 0);
  CHECK(std::strcmp(o.smdr_system_id, "000") == 0);
}
