// tests/unit/routes/route_table_test.cpp: route rules, the most specific route, strip/prepend,
// the emergency fallback, API routes over YAML ones, and the legs a match gives.
#include "route_table.hpp"

#include <doctest/doctest.h>

#include "route_legs.hpp"

using namespace lineside::routes;

namespace {

Route route(const std::string &name, std::vector<std::string> patterns, uint32_t strip = 0,
            const std::string &prepend = "", RouteType type = RouteType::normal) {
  RouteSpec s;
  s.name = name;
  s.patterns = std::move(patterns);
  s.strip = strip;
  s.prepend = prepend;
  s.type = type;
  s.gateways = {{"sip:127.0.0.1:5090;transport=udp", 0, ""}, {"sip:gw2.example.net", 7, "backup"}};
  std::vector<lineside::admin_text::FieldError> errors;
  auto r = compile_route(s, errors);
  REQUIRE_MESSAGE(r.has_value(), (errors.empty() ? "" : errors.front().message));
  return *r;
}

}  // namespace

TEST_CASE("the most specific pattern wins; ties go to the route listed first") {
  RouteTable t;
  std::vector<Route> routes;
  routes.push_back(route("anything", {"_9."}, 1));
  routes.push_back(route("nanp", {"_9NXXNXXXXXX"}, 1, "1"));
  routes.push_back(route("local", {"_9613NXXXXXX"}, 1));
  routes.push_back(route("nanp-again", {"_9NXXNXXXXXX"}, 1));
  t.set_config_routes(std::move(routes));

  auto m = t.select("96135550100", false);
  REQUIRE(m);
  CHECK(m->route->spec.name == "local");
  CHECK(m->digits == "6135550100");
  m = t.select("94165550100", false);
  REQUIRE(m);
  CHECK(m->route->spec.name == "nanp");
  CHECK(m->pattern == "_9NXXNXXXXXX");
  CHECK(m->digits == "14165550100");
  m = t.select("9011", false);
  REQUIRE(m);
  CHECK(m->route->spec.name == "anything");
  CHECK_FALSE(t.select("1001", false));
}

TEST_CASE("emergency calls take emergency routes first, the first one when no pattern matches") {
  RouteTable t;
  std::vector<Route> routes;
  routes.push_back(route("pstn", {"_9."}, 1));
  routes.push_back(route("e911", {"911", "9911"}, 0, "", RouteType::emergency));
  routes.push_back(route("e911-b", {"_99."}, 0, "", RouteType::emergency));
  t.set_config_routes(std::move(routes));
  auto m = t.select("9911", false);
  REQUIRE(m);
  CHECK(m->route->spec.name == "e911");  // the literal beats _9.
  m = t.select("933", false);
  REQUIRE(m);
  CHECK(m->route->spec.name == "pstn");  // not flagged: ordinary routing
  m = t.select("9911", true);
  CHECK(m->route->spec.name == "e911");
  m = t.select("9912", true);
  CHECK(m->route->spec.name == "e911-b");  // the emergency route whose pattern matches
  m = t.select("933", true);
  REQUIRE(m);
  CHECK(m->route->spec.name == "e911");
  CHECK(m->pattern.empty());
  CHECK(m->digits == "933");
  RouteTable plain;
  std::vector<Route> only_normal;
  only_normal.push_back(route("pstn", {"_9."}, 1));
  plain.set_config_routes(std::move(only_normal));
  CHECK(plain.select("933", true)->digits == "33");  // no emergency route: the normal match
}

TEST_CASE("stripping every digit with nothing to prepend leaves no route") {
  RouteTable t;
  std::vector<Route> routes;
  routes.push_back(route("odd", {"_9"}, 1));
  t.set_config_routes(std::move(routes));
  CHECK_FALSE(t.select("9", false));
  CHECK(outpulsed_digits("96135550100", 1, "") == "6135550100");
  CHECK(outpulsed_digits("9", 5, "0") == "0");
}

TEST_CASE("an API route hides the YAML route of the same name until it is deleted") {
  RouteTable t;
  std::vector<Route> routes;
  routes.push_back(route("pstn", {"_9."}, 1));
  t.set_config_routes(std::move(routes));
  t.put_api_route(route("pstn", {"_8."}, 1));
  t.put_api_route(route("extra", {"_7."}));
  REQUIRE(t.routes().size() == 2);
  CHECK(t.find("pstn")->from_api);
  CHECK_FALSE(t.select("91", false));
  CHECK(t.select("81", false));
  CHECK(t.remove_api_route("pstn"));
  CHECK_FALSE(t.remove_api_route("pstn"));
  CHECK_FALSE(t.find("pstn")->from_api);
  CHECK(t.select("91", false));
}

TEST_CASE("route rules name each broken field") {
  RouteSpec s;
  s.name = "bad name";
  s.patterns = {"_9.", "_9["};
  s.strip = 25;
  s.prepend = "1a";
  s.caller_id = CallerIdPolicy::external;
  s.trunk_number = 0;
  s.gateways = {{"sip:a@b", 10000, ""}};
  std::vector<lineside::admin_text::FieldError> errors;
  CHECK_FALSE(compile_route(s, errors));
  std::vector<std::string> fields;
  for (const auto &e : errors) fields.push_back(e.field + "/" + e.rule);
  CHECK(fields == std::vector<std::string>{"name/format", "patterns[1]/format", "strip/range",
                                           "prepend/format", "external_number/required",
                                           "trunk_number/range", "gateways[0].uri/format",
                                           "gateways[0].trunk_number/range"});
  s = RouteSpec{};
  s.name = "x";
  errors.clear();
  CHECK_FALSE(compile_route(s, errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "patterns");
  CHECK(errors[1].field == "gateways");
}

TEST_CASE("legs: one failover group per gateway, trunk numbers, caller id policies and PAI") {
  Route r = route("pstn", {"_9."}, 1);
  r.spec.trunk_number = 3;
  RouteMatch m{&r, "_9.", "6135550100"};

  auto legs = legs_for(m, "1001", "pbx.test");
  REQUIRE(legs.size() == 2);
  CHECK(legs[0].uri == "sip:6135550100@127.0.0.1:5090;transport=udp");
  CHECK(legs[0].failover_group == 0);
  CHECK(legs[0].trunk_number == 3);
  CHECK(legs[0].trunk_name == "pstn");
  CHECK(legs[1].uri == "sip:6135550100@gw2.example.net");
  CHECK(legs[1].failover_group == 1);
  CHECK(legs[1].trunk_number == 7);
  CHECK(legs[1].trunk_name == "backup");
  CHECK_FALSE(legs[0].from_user.has_value());  // dn: the kernel sends the caller's DN
  CHECK(legs[0].asserted_identity == "<sip:1001@pbx.test>");
  CHECK(legs[0].extra_headers.empty());

  r.spec.caller_id = CallerIdPolicy::external;
  r.spec.external_number = "6135550000";
  r.spec.caller_name = "Acme Inc";
  legs = legs_for(m, "1001", "pbx.test");
  CHECK(legs[0].from_user == "6135550000");
  CHECK(legs[0].from_display == "Acme Inc");
  CHECK(legs[0].asserted_identity == "<sip:6135550000@pbx.test>");

  r.spec.caller_id = CallerIdPolicy::did;
  r.spec.did_prefix = "613555";
  r.spec.send_pai = false;
  r.spec.type = RouteType::emergency;
  legs = legs_for(m, "1001", "pbx.test");
  CHECK(legs[0].from_user == "6135551001");
  CHECK(legs[0].asserted_identity == "");  // none
  CHECK(legs[0].extra_headers == "Priority: emergency\r\n");

  const auto targets = route_targets(legs);
  REQUIRE(targets.size() == 2);
  CHECK(std::string(targets[1].uri) == legs[1].uri);
  CHECK(targets[1].failover_group == 1);
  CHECK(std::string(targets[0].from_user) == "6135551001");
  CHECK(targets[0].from_display != nullptr);
  CHECK(std::string(targets[0].asserted_identity).empty());
  CHECK(targets[0].device_id == nullptr);
}
