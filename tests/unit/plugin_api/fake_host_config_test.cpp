// fake_host_config_test.cpp: FakeConfig, the scalar parsers and schema application as a module sees
// them through the host's config_* functions.
#include <doctest/doctest.h>

#include <string>

#include "lineside/testing/fake_host.hpp"
#include "probe_module.hpp"

using namespace lineside::testing;

TEST_CASE("durations parse in every unit, bare numbers are seconds") {
  CHECK(parse_duration_ms("250ms") == 250);
  CHECK(parse_duration_ms("30s") == 30'000);
  CHECK(parse_duration_ms("5m") == 300'000);
  CHECK(parse_duration_ms("2h") == 7'200'000);
  CHECK(parse_duration_ms("1d") == 86'400'000);
  CHECK(parse_duration_ms("45") == 45'000);
  CHECK(parse_duration_ms(" \"10s\" ") == 10'000);
  CHECK_FALSE(parse_duration_ms("5x").has_value());
  CHECK_FALSE(parse_duration_ms("").has_value());
  CHECK_FALSE(parse_duration_ms("ms").has_value());
  CHECK_FALSE(parse_duration_ms("-5s").has_value());
  CHECK_FALSE(parse_duration_ms("99999999999999999999s").has_value());
}

TEST_CASE("booleans, integers and flow lists parse as YAML writes them") {
  CHECK(parse_bool("true") == true);
  CHECK(parse_bool("Yes") == true);
  CHECK(parse_bool("FALSE") == false);
  CHECK(parse_bool("no") == false);
  CHECK_FALSE(parse_bool("maybe").has_value());
  CHECK(parse_int("-42") == -42);
  CHECK_FALSE(parse_int("4x").has_value());
  CHECK(parse_flow_list("[SHA-256, MD5]") == std::vector<std::string>{"SHA-256", "MD5"});
  CHECK(parse_flow_list("[ 'a b' , \"c\" ]") == std::vector<std::string>{"a b", "c"});
  CHECK(parse_flow_list("[]").empty());
  CHECK(parse_flow_list("lone") == std::vector<std::string>{"lone"});
}

TEST_CASE("the host's config functions read each type and refuse the others") {
  FakeHost host;
  const ls_host_t *h = FakeHost::table();
  FakeConfig &c = host.config();
  c.set("name", "edge").set("count", 3).set("on", true).set_duration_ms("wait", 1500);
  c.add_list_string("list", "a").add_list_string("list", "b");
  c.add_child("items").set("k", "v1");
  c.add_child("items").set("k", "v2");
  c.child("sub").set("deep", int64_t{7});
  const ls_config_t *root = h->config_root(host.ctx());
  REQUIRE(root == c.handle());

  const char *s = nullptr;
  int64_t n = 0;
  int b = 0;
  CHECK(h->config_string(root, "name", &s) == 0);
  CHECK(std::string(s) == "edge");
  CHECK(h->config_int(root, "count", &n) == 0);
  CHECK(n == 3);
  CHECK(h->config_bool(root, "on", &b) == 0);
  CHECK(b == 1);
  CHECK(h->config_duration_ms(root, "wait", &n) == 0);
  CHECK(n == 1500);
  CHECK(h->config_string(root, "count", &s) == -1);
  CHECK(h->config_int(root, "name", &n) == -1);
  CHECK(h->config_duration_ms(root, "count", &n) == -1);
  CHECK(h->config_bool(root, "absent", &b) == -1);

  CHECK(h->config_list_size(root, "list") == 2);
  CHECK(std::string(h->config_list_string(root, "list", 1)) == "b");
  CHECK(h->config_list_string(root, "list", 2) == nullptr);
  CHECK(h->config_list_size(root, "items") == 2);
  CHECK(h->config_list_size(root, "name") == 0);
  const ls_config_t *item = h->config_child(root, "items", 1);
  REQUIRE(item != nullptr);
  CHECK(h->config_string(item, "k", &s) == 0);
  CHECK(std::string(s) == "v2");
  CHECK(h->config_child(root, "items", 2) == nullptr);
  const ls_config_t *sub = h->config_child(root, "sub", 0);
  REQUIRE(sub != nullptr);
  CHECK(h->config_int(sub, "deep", &n) == 0);
  CHECK(n == 7);
  CHECK(h->config_child(root, "sub", 1) == nullptr);
  CHECK(h->config_child(root, "name", 0) == nullptr);

  const lineside::Config view = host.host_view().config();
  CHECK(view.children("items").size() == 2);
  CHECK(view.child("sub").integer("deep") == 7);
  CHECK(view.strings("list") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("schema application fills defaults and coerces text the way the kernel validates") {
  uint32_t count = 0;
  const ls_config_field_t *fields = probe::fields(&count);
  FakeConfig c;
  c.set("tick", "250ms").set("limit", "42");
  c.add_child("routes").set("prefix", "9");
  std::string err;
  REQUIRE_MESSAGE(apply_schema_defaults(c, fields, count, &err), err);
  CHECK(c.find("tick")->kind == FakeConfig::Kind::Duration);
  CHECK(c.find("tick")->number == 250);
  CHECK(c.find("limit")->number == 42);
  CHECK(c.find("fail_init")->kind == FakeConfig::Kind::Bool);
  CHECK(c.find("fail_init")->flag == false);
  CHECK(c.find("algorithms")->strings.size() == 2);
  CHECK(c.find("greeting")->text == "hello");
  const FakeConfig &route = *c.find("routes")->children[0];
  CHECK(route.find("transport")->text == "udp");
  CHECK(c.has("db"));  // absent MAP created so its children's defaults exist
}

TEST_CASE("schema application reports errors with the kernel's path format") {
  uint32_t count = 0;
  const ls_config_field_t *fields = probe::fields(&count);
  std::string err;
  SUBCASE("out of range") {
    FakeConfig c;
    c.set("limit", 1000);
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err, "modules.probe.config"));
    CHECK(err == "modules.probe.config.limit: out of range [1, 100]");
  }
  SUBCASE("not a duration") {
    FakeConfig c;
    c.set("tick", "soon");
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err));
    CHECK(err == "config.tick: expected duration");
  }
  SUBCASE("unknown key") {
    FakeConfig c;
    c.set("tikc", "1s");
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err));
    CHECK(err == "config.tikc: unknown key");
  }
  SUBCASE("required key missing in a list item") {
    FakeConfig c;
    c.add_child("routes").set("transport", "tcp");
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err));
    CHECK(err == "config.routes[0].prefix: required key missing");
  }
  SUBCASE("enum outside its choices") {
    FakeConfig c;
    c.add_child("routes").set("prefix", "9").set("transport", "sctp");
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err));
    CHECK(err == "config.routes[0].transport: expected one of udp|tcp|tls");
  }
  SUBCASE("wrong type") {
    FakeConfig c;
    c.set("greeting", true);
    CHECK_FALSE(apply_schema_defaults(c, fields, count, &err));
    CHECK(err == "config.greeting: expected string");
  }
}

TEST_CASE("load() applies the schema and refuses a config the kernel would refuse") {
  FakeHost host;
  host.config().set("limit", 0);
  CHECK_FALSE(host.load(&probe::descriptor()));
  CHECK(host.load_error() == "modules.probe.config.limit: out of range [1, 100]");
  CHECK(host.instance() == nullptr);
}

TEST_CASE("FakeConfig refuses to append to a key of another type") {
  FakeConfig c;
  c.set("k", "text");
  CHECK_THROWS_AS(c.add_list_string("k", "x"), std::logic_error);
  c.unset("k");
  CHECK_FALSE(c.has("k"));
  c.add_list_string("k", "x");
  CHECK(c.find("k")->strings.size() == 1);
}
