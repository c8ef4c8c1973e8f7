// tests/unit/srtp-media/module_config_test.cpp: the srtp-media module through the fake host: config
// defaults and refusals reported on the right key, what a reload may change, the admin route.
#include <doctest/doctest.h>

#include <string>

#include "module_fixture.hpp"
#include "srtp_media_module.hpp"

using lineside::media::SrtpMediaModule;
using lineside::testing::FakeConfig;
using lineside::testing::FakeHost;

namespace {

bool error_on(const FakeHost &host, const std::string &key) {
  for (const auto &e : host.config_errors()) {
    if (e.key == key) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the module loads with its defaults and reports the relay on the admin route") {
  ModuleFixture f;
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  const auto r = f.host.admin("GET", "/api/v1/media");
  CHECK(r.status == 200);
  CHECK(r.body.find("\"port_capacity\":50") != std::string::npos);
  CHECK(r.body.find("\"ports_in_use\":0") != std::string::npos);
  CHECK(r.body.find("\"dropped_tampered\":0") != std::string::npos);
  CHECK(f.host.module<SrtpMediaModule>().active_calls() == 0);
}

TEST_CASE("config mistakes are reported on their key and stop the module") {
  SUBCASE("a bind address that is not numeric") {
    ModuleFixture f;
    f.host.config().set("bind_address", "relay.example.net");
    CHECK_FALSE(f.load());
    CHECK(error_on(f.host, "bind_address"));
  }
  SUBCASE("a wildcard bind address without an advertised one") {
    ModuleFixture f;
    f.host.config().set("bind_address", "0.0.0.0");
    CHECK_FALSE(f.load());
    CHECK(error_on(f.host, "advertised_address"));
  }
  SUBCASE("an unknown crypto suite") {
    ModuleFixture f;
    f.host.config()
        .add_list_string("suites", "AES_CM_128_HMAC_SHA1_80")
        .add_list_string("suites", "ROT13");
    CHECK_FALSE(f.load());
    CHECK(error_on(f.host, "suites"));
  }
  SUBCASE("a device listed twice") {
    ModuleFixture f;
    f.host.config().add_child("device_modes").set("device", "dev-1001").set("mode", "mandatory");
    f.host.config().add_child("device_modes").set("device", "dev-1001").set("mode", "optional");
    CHECK_FALSE(f.load());
    CHECK(error_on(f.host, "device"));
  }
  SUBCASE("a port range without a whole pair") {
    ModuleFixture f;
    f.host.config().set("port_min", 45000).set("port_max", 45000);
    CHECK_FALSE(f.load());
  }
}

TEST_CASE("without the capabilities provider the module does not load") {
  ModuleFixture f(false);
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error().find("lineside.capabilities") != std::string::npos);
}

TEST_CASE("a reload may change the policy but not the relay's sockets") {
  ModuleFixture f;
  REQUIRE(f.load());
  FakeConfig moved;
  moved.set("port_min", 46000).set("port_max", 46099).set("media_threads", 1);
  CHECK_FALSE(f.host.reconfigure(std::move(moved)));
  CHECK(f.host.load_error().find("restart") != std::string::npos);

  FakeConfig policy;
  policy.set("port_min", 45000).set("port_max", 45099).set("media_threads", 1);
  policy.set("default_mode", "mandatory").set("inactivity_timeout", "5s");
  CHECK_MESSAGE(f.host.reconfigure(std::move(policy)), f.host.load_error());
}
