// tests/unit/linesidectl/field_values_test.cpp: name=value arguments as typed JSON fields.
#include <doctest/doctest.h>

#include <Poco/JSON/Array.h>

#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/field_values.hpp"
#include "linesidectl/json_values.hpp"

using namespace lineside::ctl;

TEST_CASE("device fields get their JSON types; '-' in a name counts as '_'") {
  const auto obj = fields_object({"user=2001", "dn=2001", "single-line=yes", "profile=7", "additional_dns=2101,2102",
                                  "display_name=Front desk, left"},
                                 device_fields(), "device");
  CHECK(json_text(*obj) ==
        R"({"user":"2001","dn":"2001","single_line":true,"profile":7,"additional_dns":["2101","2102"],)"
        R"("display_name":"Front desk, left"})");
}

TEST_CASE("an empty list value clears the list; booleans take yes/no, true/false, on/off, 1/0") {
  const auto obj = fields_object({"emergency_numbers=", "srtp_enabled=ON", "smdr_internal=0"}, option_fields(), "option");
  CHECK(obj->getArray("emergency_numbers")->size() == 0);
  CHECK(obj->getValue<bool>("srtp_enabled"));
  CHECK_FALSE(obj->getValue<bool>("smdr_internal"));
}

TEST_CASE("wrong names and values are usage errors") {
  CHECK_THROWS_AS(fields_object({"colour=red"}, device_fields(), "device"), UsageError);
  CHECK_THROWS_AS(fields_object({"user"}, device_fields(), "device"), UsageError);
  CHECK_THROWS_AS(fields_object({"=x"}, device_fields(), "device"), UsageError);
  CHECK_THROWS_AS(fields_object({"enable_prack=maybe"}, profile_fields(), "profile"), UsageError);
  CHECK_THROWS_AS(fields_object({"session_timer=-1"}, profile_fields(), "profile"), UsageError);
  CHECK_THROWS_AS(fields_object({"session_timer=1e3"}, profile_fields(), "profile"), UsageError);
  try {
    fields_object({"colour=red"}, device_fields(), "device");
  } catch (const UsageError &e) {
    CHECK(std::string(e.what()).find("display_name") != std::string::npos);
  }
}
