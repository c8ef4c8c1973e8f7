// example_hello_test.cpp: the example module (plugin-api/examples/hello) unit-tested through its
// exported entry symbol and the fake host, as a third party would test their own module.
#include <doctest/doctest.h>

#include "lineside/testing/fake_host.hpp"

extern "C" const ls_module_descriptor_t *lineside_module_v1();

using namespace lineside::testing;

TEST_CASE("the descriptor declares its schema defaults, hooks and ABI version") {
  const ls_module_descriptor_t *d = lineside_module_v1();
  REQUIRE(d != nullptr);
  CHECK(d->size == sizeof(ls_module_descriptor_t));
  CHECK(d->abi_major == LS_ABI_MAJOR);
  CHECK(std::string(d->name) == "hello");
  REQUIRE(d->config_field_count == 2);
  CHECK(std::string(d->config_fields[0].key) == "greeting");
  CHECK(std::string(d->config_fields[0].default_value) == "hello from lineside");
  CHECK(std::string(d->config_fields[1].key) == "user");
  CHECK(std::string(d->config_fields[1].default_value) == "hello");
  CHECK((d->reconfigure_check != nullptr));
  CHECK((d->destroy != nullptr));
}

TEST_CASE("OPTIONS to the configured user gets 200 with X-Hello; other requests pass on") {
  FakeHost host;
  REQUIRE_MESSAGE(host.load(lineside_module_v1()), host.load_error());
  CHECK(host.logged("answering OPTIONS for user 'hello'", LS_LOG_INFO));

  FakeRequest hello("OPTIONS", "sip:hello@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, hello) == LS_VERDICT_STOP);
  REQUIRE(hello.final_response() != nullptr);
  CHECK(hello.status() == 200);
  CHECK(hello.final_response()->header("X-Hello") == std::optional<std::string>("hello from lineside"));

  FakeRequest other("OPTIONS", "sip:1001@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, other) == LS_VERDICT_CONTINUE);
  CHECK(other.responses.empty());
  FakeRequest no_user("OPTIONS", "sip:pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, no_user) == LS_VERDICT_CONTINUE);
  FakeRequest invite("INVITE", "sip:hello@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, invite) == LS_VERDICT_CONTINUE);
  CHECK(invite.hooks_run.empty());
}

TEST_CASE("every received request is counted per method") {
  FakeHost host;
  REQUIRE(host.load(lineside_module_v1()));
  for (const char *m : {"REGISTER", "REGISTER", "OPTIONS", "X.ODD-1"}) {
    FakeRequest req(m, "sip:pbx.test");
    CHECK(host.dispatch(LS_HOOK_REQUEST_RECEIVED, req) == LS_VERDICT_CONTINUE);
  }
  CHECK(host.counter("requests_register") == 2);
  CHECK(host.counter("requests_options") == 1);
  CHECK(host.counter("requests_x_odd_1") == 1);
}

TEST_CASE("config: another user and greeting; a greeting with a line break fails init") {
  SUBCASE("configured") {
    FakeHost host;
    host.config().set("greeting", "hi there").set("user", "ping");
    REQUIRE(host.load(lineside_module_v1()));
    FakeRequest req("OPTIONS", "sip:ping@pbx.test");
    CHECK(host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_STOP);
    CHECK(req.final_response()->header("x-hello") == std::optional<std::string>("hi there"));
  }
  SUBCASE("header injection refused") {
    FakeHost host;
    host.config().set("greeting", "hi\r\nX-Evil: 1");
    CHECK_FALSE(host.load(lineside_module_v1()));
    CHECK(host.load_error() == "greeting must not contain line breaks");
    REQUIRE(host.config_errors().size() == 1);
    CHECK(host.config_errors()[0].key == "greeting");
  }
}

TEST_CASE("reload: a bad config is refused and the old one stays; a good one takes effect") {
  FakeHost host;
  REQUIRE(host.load(lineside_module_v1()));
  FakeConfig bad;
  bad.set("user", "");
  CHECK_FALSE(host.reconfigure(std::move(bad)));
  CHECK(host.load_error() == "user must not be empty");
  FakeRequest still("OPTIONS", "sip:hello@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, still) == LS_VERDICT_STOP);

  FakeConfig good;
  good.set("user", "echo");
  REQUIRE(host.reconfigure(std::move(good)));
  FakeRequest old_user("OPTIONS", "sip:hello@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, old_user) == LS_VERDICT_CONTINUE);
  FakeRequest new_user("OPTIONS", "sip:echo@pbx.test");
  CHECK(host.dispatch(LS_HOOK_REQUEST, new_user) == LS_VERDICT_STOP);
  CHECK(new_user.final_response()->header("X-Hello") == std::optional<std::string>("hello from lineside"));
}
