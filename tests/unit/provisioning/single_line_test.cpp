// tests/unit/provisioning/single_line_test.cpp: the Single Line Phone rules, each with its error.
#include "ops_support.hpp"

using namespace lineside::kernel;
using namespace lineside::kernel::test;

TEST_CASE("a Generic SIP Phone with Full service may be a Single Line Phone") {
  OpResult r = op_create_device(DirectoryData{}, context(), *json(phone("2001", R"("single_line":true)")));
  CHECK_FALSE(r.refusal.refused());
  CHECK(r.status == 201);
  CHECK(r.next.devices.at(0).single_line);
}

TEST_CASE("a Single Line Phone with Basic service is refused") {
  OpResult r = op_create_device(DirectoryData{}, context(),
                                *json(phone("2001", R"("single_line":true,"service_level":"basic")")));
  CHECK(r.refusal.status == 422);
  CHECK(rules(r) == Rules{{"service_level", "single_line_basic"}});
}

TEST_CASE("a Single Line Phone with a second line is refused, on creation and by PATCH or POST dns") {
  OpResult r = op_create_device(DirectoryData{}, context(),
                                *json(phone("2001", R"("single_line":true,"additional_dns":["2101"])")));
  CHECK(rules(r) == Rules{{"additional_dns", "single_line_one_line"}});
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("single_line":true)"));
  CHECK(rules(op_patch_device(d, context(), "dev-2001", *json(R"({"additional_dns":["2101"]})"))) ==
        Rules{{"additional_dns", "single_line_one_line"}});
  CHECK(rules(op_add_line_dn(d, context(), "dev-2001", *json(R"({"dn":"2101"})"))) ==
        Rules{{"additional_dns", "single_line_one_line"}});
}

TEST_CASE("the 5505 may not be a Single Line Phone, with its own error") {
  OpResult r = op_create_device(DirectoryData{}, context(),
                                *json(phone("2001", R"("single_line":true,"device_type":"5505")")));
  CHECK(rules(r) == Rules{{"device_type", "single_line_5505"}});
  CHECK(r.refusal.errors.at(0).message.find("5505") != std::string::npos);
  DirectoryData d = with(DirectoryData{}, phone("2002", R"("device_type":"5505")"));
  CHECK(rules(op_patch_device(d, context(), "dev-2002", *json(R"({"single_line":true})"))) ==
        Rules{{"device_type", "single_line_5505"}});
}

TEST_CASE("changing a Single Line Phone's type is refused with Invalid Device Type for Single Line Phone") {
  DirectoryData d = with(DirectoryData{}, phone("2001", R"("single_line":true)"));
  for (const char *type : {"5604", "5505", "5302", "uc-endpoint"}) {
    OpResult r = op_patch_device(d, context(), "dev-2001", *json(std::string(R"({"device_type":")") + type + "\"}"));
    CHECK(rules(r) == Rules{{"device_type", "single_line_device_type"}});
    CHECK(r.refusal.errors.at(0).message == "device_type: Invalid Device Type for Single Line Phone");
  }
  // Clearing the flag in the same change is allowed.
  CHECK_FALSE(op_patch_device(d, context(), "dev-2001", *json(R"({"device_type":"5604","single_line":false})"))
                  .refusal.refused());
}

TEST_CASE("a Single Line Phone of another non-generic type is refused with the Mitel text") {
  OpResult r = op_create_device(DirectoryData{}, context(),
                                *json(phone("2001", R"("single_line":true,"device_type":"5607")")));
  CHECK(rules(r) == Rules{{"device_type", "single_line_device_type"}});
}
