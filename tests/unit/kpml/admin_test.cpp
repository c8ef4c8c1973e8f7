// tests/unit/kpml/admin_test.cpp: /api/v1/kpml/collections: start, read, list and cancel.
#include <doctest/doctest.h>

#include "kpml_test_support.hpp"

using namespace lineside::kpml;
using namespace lineside::kpml::test;

TEST_CASE("POST starts a collection by DN or device; GET shows its digits once reported") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto created =
      f.host.admin("POST", kAdminPrefix, "", R"({"dn":"1002","pattern":"x{3}","timeout_ms":8000})");
  CHECK(created.status == 201);
  CHECK(created.body.find("\"id\":1,") != std::string::npos);
  CHECK(created.body.find("\"state\":\"subscribing\"") != std::string::npos);
  REQUIRE(f.host.sent_requests().size() == 1);
  CHECK(f.host.sent_requests()[0].headers.find("Expires: 8") != std::string::npos);
  f.host.complete_request(0, 200, "phone-tag");
  CHECK(f.host.admin("GET", std::string(kAdminPrefix) + "/1").body.find("\"state\":\"active\"") !=
        std::string::npos);
  auto report = f.phone_notify(0, "terminated", KpmlFixture::report("200", "555"));
  f.host.dispatch(LS_HOOK_REQUEST, *report);
  auto one = f.host.admin("GET", std::string(kAdminPrefix) + "/1");
  CHECK(one.status == 200);
  CHECK(one.body.find("\"code\":200,\"digits\":\"555\"") != std::string::npos);
  auto by_device = f.host.admin("POST", kAdminPrefix, "", R"({"device":"dev-1002","pattern":"1"})");
  CHECK(by_device.status == 201);
  auto list = f.host.admin("GET", kAdminPrefix);
  CHECK(list.body.find("\"running\":1,") != std::string::npos);
  CHECK(list.body.find("\"id\":2") != std::string::npos);
}

TEST_CASE("bad POST bodies are refused with the reason") {
  KpmlFixture f;
  REQUIRE(f.load());
  auto status_of = [&f](const std::string &body) {
    return f.host.admin("POST", kAdminPrefix, "", body).status;
  };
  CHECK(status_of("not json") == 400);
  CHECK(status_of(R"({"pattern":"x"})") == 400);  // no device or dn
  CHECK(status_of(R"({"dn":"1002","device":"dev-1002","pattern":"x"})") == 400);
  CHECK(status_of(R"({"dn":"1002","pattern":"<x>"})") == 400);
  CHECK(status_of(R"({"dn":"1002","pattern":"x","timeout_ms":"9"})") == 400);
  CHECK(status_of(R"({"dn":"1002","pattern":"x","timeout_ms":10})") == 400);
  CHECK(status_of(R"({"dn":"1002","pattern":"x","colour":"red"})") == 400);
  CHECK(status_of(R"({"dn":"1002","pattern":["x"]})") == 400);
  CHECK(status_of(R"({"dn":"4444","pattern":"x"})") == 404);
  CHECK(status_of(R"({"dn":"1003","pattern":"x"})") == 409);  // not registered
  CHECK(f.host.sent_requests().empty());
}

TEST_CASE("DELETE cancels a running collection; unknown ids are 404") {
  KpmlFixture f;
  REQUIRE(f.load());
  f.host.admin("POST", kAdminPrefix, "", R"({"dn":"1002","pattern":"x"})");
  f.host.complete_request(0, 200, "phone-tag");
  auto cancelled = f.host.admin("DELETE", std::string(kAdminPrefix) + "/1");
  CHECK(cancelled.status == 200);
  CHECK(cancelled.body.find("\"code\":487") != std::string::npos);
  CHECK(f.host.admin("DELETE", std::string(kAdminPrefix) + "/1").status == 409);
  CHECK(f.host.admin("DELETE", std::string(kAdminPrefix) + "/77").status == 404);
  CHECK(f.host.admin("GET", std::string(kAdminPrefix) + "/abc").status == 404);
  CHECK(f.host.sent_requests().size() == 2);  // the un-SUBSCRIBE
}

TEST_CASE("finished collections beyond keep_finished are forgotten") {
  KpmlFixture f;
  f.host.config().set("keep_finished", 1);
  REQUIRE(f.load());
  for (int i = 0; i < 3; ++i) {
    f.host.admin("POST", kAdminPrefix, "", R"({"dn":"1002","pattern":"x"})");
    f.host.complete_request(static_cast<size_t>(i), 489);
  }
  auto list = f.host.admin("GET", kAdminPrefix);
  CHECK(list.body.find("\"id\":3") != std::string::npos);
  CHECK(list.body.find("\"id\":2") == std::string::npos);
  CHECK(f.host.admin("GET", std::string(kAdminPrefix) + "/1").status == 404);
}

TEST_CASE("config: a default timeout above the maximum or a named trusted source fails the load") {
  KpmlFixture f;
  f.host.config().set_duration_ms("default_timeout", 600000);
  f.host.config().set_duration_ms("max_timeout", 60000);
  CHECK_FALSE(f.load());
  KpmlFixture g;
  g.host.config().add_list_string("trusted_sources", "ivr.example.com");
  CHECK_FALSE(g.load());
  REQUIRE_FALSE(g.host.config_errors().empty());
  CHECK(g.host.config_errors()[0].key == "trusted_sources");
}
