// tests/unit/registrar/config_test.cpp: registrar config defaults, the min <= default <= max rule
// at load and at reload, and a reload taking effect.
#include <doctest/doctest.h>

#include "registrar_test_support.hpp"

using namespace lineside::registrar;
using namespace lineside::registrar::test;

namespace {
bool has_error(const FakeHost &host, const std::string &key, const std::string &message) {
  for (const auto &e : host.config_errors())
    if (e.key == key && e.message == message) return true;
  return false;
}
}  // namespace

TEST_CASE("defaults are 60s / 3600s / 7200s, 10 contacts, reject") {
  RegistrarFixture f;
  REQUIRE(f.load());
  const RegistrarSettings &s = f.module().settings();
  CHECK(s.min_expires == 60);
  CHECK(s.default_expires == 3600);
  CHECK(s.max_expires == 7200);
  CHECK(s.max_contacts == 10);
  CHECK_FALSE(s.replace_oldest);
}

TEST_CASE("min_expires <= default_expires <= max_expires is enforced at load") {
  RegistrarFixture f;
  SUBCASE("min above default") {
    f.host.config().set("min_expires", "2h");
    CHECK_FALSE(f.load());
    CHECK(has_error(f.host, "min_expires", "min_expires (7200s) must not exceed default_expires (3600s)"));
  }
  SUBCASE("default above max") {
    f.host.config().set("default_expires", "3h");
    CHECK_FALSE(f.load());
    CHECK(has_error(f.host, "default_expires",
                    "default_expires (10800s) must not exceed max_expires (7200s)"));
  }
  SUBCASE("the schema refuses max_contacts out of 1..100 and unknown policies") {
    f.host.config().set("max_contacts", 0);
    CHECK_FALSE(f.load());
    CHECK(f.host.load_error().find("max_contacts") != std::string::npos);
  }
  SUBCASE("unknown policy") {
    f.host.config().set("max_contacts_policy", "evict_everyone");
    CHECK_FALSE(f.load());
    CHECK(f.host.load_error().find("max_contacts_policy") != std::string::npos);
  }
  CHECK(f.host.instance() == nullptr);
}

TEST_CASE("reload: a bad combination is refused, a good one applies") {
  RegistrarFixture f;
  REQUIRE(f.load());
  lineside::testing::FakeConfig bad;
  bad.set("min_expires", "30s").set("default_expires", "20s");
  CHECK_FALSE(f.host.reconfigure(std::move(bad)));
  CHECK(f.module().settings().min_expires == 60);

  lineside::testing::FakeConfig good;
  good.set("min_expires", "30s").set("max_contacts", 1).set("max_contacts_policy", "replace_oldest");
  REQUIRE(f.host.reconfigure(std::move(good)));
  CHECK(f.module().settings().min_expires == 30);
  CHECK(f.module().settings().replace_oldest);
  auto req = f.make_register("1001");
  req->add_contact("sip:1001@192.0.2.10").expires = 45;
  CHECK(f.send(*req) == 200);
}

TEST_CASE("the registrar needs the directory provider") {
  lineside::testing::FakeHost host;
  CHECK_FALSE(host.load(&registrar_descriptor(), lineside::testing::delete_module_base));
  CHECK(host.load_error().find("lineside.directory/1") != std::string::npos);
}
