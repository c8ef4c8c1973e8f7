// tests/unit/routes/routes_module_test.cpp: the routes module on the fake host: YAML config and
// its errors, the route hook (directory DNs left alone, targets for a match), the admin API with
// the store, and restore at start.
#include "routes_module.hpp"

#include <doctest/doctest.h>

#include "route_hook_harness.hpp"
#include "routes_descriptor.hpp"

using namespace lineside;
using lineside::test::RouteHookHarness;

namespace {

struct RoutesFixture {
  testing::FakeDirectory directory;
  RouteHookHarness h;

  RoutesFixture() {
    directory.add_device("dev-1001", "1001", "1001");
    directory.add_device("dev-1002", "1002", "1002");
    h.host.provide_directory(directory);
    auto &r = h.host.config().add_child("routes");
    r.set("name", "pstn");
    r.add_list_string("patterns", "_9NXXNXXXXXX");
    r.add_list_string("patterns", "_91NXXNXXXXXX");
    r.set("strip", 1);
    r.set("caller_id", "external");
    r.set("external_number", "6135550000");
    r.set("trunk_number", 5);
    r.add_child("gateways").set("uri", "sip:127.0.0.1:5090;transport=udp");
    auto &g2 = r.add_child("gateways");
    g2.set("uri", "sip:127.0.0.1:5091;transport=udp");
    g2.set("trunk_number", 6);
  }
  bool load() { return h.load(routes::routes_descriptor()); }
  routes::RoutesModule &module() { return h.module<routes::RoutesModule>(); }
};

}  // namespace

TEST_CASE("a dialled number that matches a route goes to its gateways in failover order") {
  RoutesFixture f;
  REQUIRE_MESSAGE(f.load(), f.h.error());
  auto inv = test::make_invite("1001", "96135550100");
  CHECK(f.h.route(*inv, "96135550100", "dev-1001", "1001", false) == LS_VERDICT_STOP);
  const auto t = RouteHookHarness::targets(*inv);
  REQUIRE(t.size() == 2);
  CHECK(t[0].uri == "sip:6135550100@127.0.0.1:5090;transport=udp");
  CHECK(t[0].transport == LS_TRANSPORT_UDP);
  CHECK(t[0].dn == "6135550100");
  CHECK(t[0].failover_group == 0);
  CHECK(t[0].trunk_number == 5);
  CHECK(t[0].trunk_name == "pstn");
  CHECK(t[0].from_user == "6135550000");
  CHECK(t[0].asserted_identity == "<sip:6135550000@pbx.test>");
  CHECK(t[1].failover_group == 1);
  CHECK(t[1].trunk_number == 6);
  CHECK(f.h.host.counter("calls_routed") == 1);
  CHECK(f.h.host.logged("takes route 'pstn' (pattern _9NXXNXXXXXX), sending 6135550100"));
}

TEST_CASE("directory DNs, unmatched numbers and refused targets continue to the default router") {
  RoutesFixture f;
  REQUIRE(f.load());
  auto a = test::make_invite("1001", "1002");
  CHECK(f.h.route(*a, "1002", "dev-1001", "1001", false) == LS_VERDICT_CONTINUE);
  auto b = test::make_invite("1001", "5555");
  CHECK(f.h.route(*b, "5555", "dev-1001", "1001", false) == LS_VERDICT_CONTINUE);
  CHECK(RouteHookHarness::targets(*b).empty());
  test::CallServices::get().refuse_route = 1;
  auto c = test::make_invite("1001", "96135550100");
  CHECK(f.h.route(*c, "96135550100", "dev-1001", "1001", false) == LS_VERDICT_CONTINUE);
  CHECK(f.h.host.logged("refused the targets of route 'pstn'", LS_LOG_ERROR));
}

TEST_CASE("YAML mistakes fail init, each reported at its key") {
  RoutesFixture f;
  auto &r = f.h.host.config().add_child("routes");
  r.set("name", "pstn");  // duplicate name
  r.add_list_string("patterns", "_9[");
  r.add_child("gateways").set("uri", "sip:user@gw");
  CHECK_FALSE(f.load());
  CHECK(f.h.error() == "invalid routes configuration");
  std::vector<std::string> seen;
  for (const auto &e : f.h.host.config_errors()) seen.push_back(e.key + ": " + e.message);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].find("patterns: patterns[0]: unclosed '['") == 0);
  CHECK(seen[1].find("uri: a gateway URI has no user part") == 0);
}

TEST_CASE("admin API: list, look up a number, add, replace and delete routes, kept in the store") {
  RoutesFixture f;
  REQUIRE(f.load());
  auto list = f.h.host.admin("GET", "/api/v1/routes");
  CHECK(list.status == 200);
  CHECK(list.body.find(R"("name":"pstn")") != std::string::npos);
  CHECK(list.body.find(R"("source":"config")") != std::string::npos);

  auto choice = f.h.host.admin("GET", "/api/v1/routes", "dialled=96135550100");
  CHECK(choice.body.find(R"("route":"pstn","pattern":"_9NXXNXXXXXX","digits":"6135550100")") !=
        std::string::npos);
  CHECK(f.h.host.admin("GET", "/api/v1/routes", "dialled=1002")
            .body.find(R"("directory_dn":true,"route":null)") != std::string::npos);

  auto bad =
      f.h.host.admin("PUT", "/api/v1/routes/intl", "", R"({"patterns":["_9011."],"gateways":[]})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"gateways","rule":"required")") != std::string::npos);
  CHECK(f.h.host.admin("PUT", "/api/v1/routes/intl", "", "{").status == 400);

  auto added =
      f.h.host.admin("PUT", "/api/v1/routes/intl", "",
                     R"({"patterns":["_9011."],"strip":1,"gateways":["sip:gw.example.net"]})");
  CHECK(added.status == 201);
  CHECK(added.body.find(R"("source":"api")") != std::string::npos);
  f.h.host.run_pending();
  CHECK(f.h.host.store_get("routes", "intl").has_value());
  auto inv = test::make_invite("1001", "9011441234");
  CHECK(f.h.route(*inv, "9011441234", "dev-1001", "1001", false) == LS_VERDICT_STOP);
  CHECK(RouteHookHarness::targets(*inv).at(0).uri == "sip:011441234@gw.example.net");

  CHECK(
      f.h.host
          .admin("PUT", "/api/v1/routes/intl", "", R"({"patterns":["_8."],"gateways":["sip:gw"]})")
          .status == 200);
  CHECK(f.h.host.admin("DELETE", "/api/v1/routes/pstn").status == 409);
  CHECK(f.h.host.admin("DELETE", "/api/v1/routes/none").status == 404);
  CHECK(f.h.host.admin("GET", "/api/v1/routes/none").status == 404);
  CHECK(f.h.host.admin("DELETE", "/api/v1/routes/intl").status == 200);
  f.h.host.run_pending();
  CHECK_FALSE(f.h.host.store_get("routes", "intl").has_value());
  CHECK(f.h.host.admin("GET", "/api/v1/routes/intl").status == 404);
}

TEST_CASE("a route whose store write fails is taken back") {
  RoutesFixture f;
  REQUIRE(f.load());
  f.h.host.fail_next_store_write();
  CHECK(f.h.host
            .admin("PUT", "/api/v1/routes/intl", "",
                   R"({"patterns":["_9011."],"gateways":["sip:gw"]})")
            .status == 201);
  f.h.host.run_pending();
  CHECK(f.h.host.admin("GET", "/api/v1/routes/intl").status == 404);
  CHECK(f.h.host.logged("not saved: store write failed", LS_LOG_ERROR));
}

TEST_CASE("routes saved through the API come back at start; unreadable ones are logged") {
  RoutesFixture f;
  f.h.host.store_seed("routes", "intl",
                      R"({"name":"intl","patterns":["_9011."],"gateways":["sip:gw"]})");
  f.h.host.store_seed("routes", "broken", R"({"patterns":["_9["],"gateways":["sip:gw"]})");
  REQUIRE(f.load());
  CHECK(f.module().table().is_api_route("intl"));
  CHECK_FALSE(f.module().table().find("broken"));
  CHECK(f.h.host.logged("stored route 'broken' ignored", LS_LOG_ERROR));
  CHECK(f.h.host.gauge("routes") == 2);
}

TEST_CASE("a reload replaces the YAML routes and refuses a broken config") {
  RoutesFixture f;
  REQUIRE(f.load());
  testing::FakeConfig next;
  auto &r = next.add_child("routes");
  r.set("name", "other");
  r.add_list_string("patterns", "_8.");
  r.add_child("gateways").set("uri", "sip:gw");
  REQUIRE(testing::apply_schema_defaults(next, routes::routes_descriptor().config_fields,
                                         routes::routes_descriptor().config_field_count, nullptr,
                                         "x"));
  auto &m = f.module();
  CHECK(m.check_reconfigure(Config(test::extended_table(), next.handle())).empty());
  m.apply_reconfigure(Config(test::extended_table(), next.handle()));
  CHECK(m.table().find("other"));
  CHECK_FALSE(m.table().find("pstn"));
  testing::FakeConfig broken;
  broken.add_child("routes").set("name", "x");
  CHECK_FALSE(m.check_reconfigure(Config(test::extended_table(), broken.handle())).empty());
}
