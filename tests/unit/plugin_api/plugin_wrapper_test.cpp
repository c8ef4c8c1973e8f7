// plugin_wrapper_test.cpp: plugin.hpp (hook/observer binding, exception barriers, lifecycle) driven
// through the fake host with ProbeModule.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lineside/testing/fake_host.hpp"
#include "probe_module.hpp"

using lineside::testing::FakeHost;
using lineside::testing::FakeRequest;
using probe::ProbeModule;

namespace {
/// Names of the hooks a dispatch ran.
std::vector<std::string> ran(const FakeRequest &req) {
  std::vector<std::string> out;
  for (const auto &r : req.hooks_run) out.push_back(r.hook);
  return out;
}
/// A FakeHost with the probe loaded (fails the test case if it does not load).
struct Loaded {
  FakeHost host;
  Loaded() { REQUIRE_MESSAGE(host.load(&probe::descriptor()),
                             host.load_error()); }
  ProbeModule &probe() { return host.module<ProbeModule>(); }
};
}  // namespace

TEST_CASE("the instance pointer reaches a module whose ModuleBase is not its first base") {
  Loaded t;
  ProbeModule &m = t.probe();
  // Precondition of this test: the void* the host holds is not the address of the object.
  CHECK(static_cast<void *>(static_cast<lineside::ModuleBase *>(&m)) != static_cast<void *>(&m));
  CHECK(t.host.instance() == static_cast<void *>(static_cast<lineside::ModuleBase *>(&m)));
  FakeRequest req("OPTIONS", "sip:pbx.test");
  t.host.dispatch(LS_HOOK_REQUEST, req);
  CHECK(m.order == std::vector<std::string>{"options"});
}

TEST_CASE("config read through the wrapper carries the schema defaults") {
  Loaded t;
  CHECK(t.probe().tick_ms == 1000);
  CHECK(t.probe().limit == 10);
  CHECK(t.probe().greeting == "hello");
  CHECK(t.probe().algorithms == std::vector<std::string>{"SHA-256", "MD5"});
}

TEST_CASE("hooks of one point run by ascending priority, not declaration order") {
  Loaded t;
  FakeRequest req("OPTIONS", "sip:pbx.test");
  CHECK(t.host.dispatch(LS_HOOK_REQUEST_RECEIVED, req) == LS_VERDICT_CONTINUE);
  CHECK(ran(req) == std::vector<std::string>{"first", "count"});
  CHECK(t.probe().order == std::vector<std::string>{"first", "count"});
  CHECK(t.host.counter("requests_OPTIONS") == 1);
  CHECK(req.responses.empty());
}

TEST_CASE("a YAML priority override reorders the chain") {
  Loaded t;
  t.host.override_priority("count", 1);
  FakeRequest req("BYE", "sip:pbx.test");
  t.host.dispatch(LS_HOOK_REQUEST_RECEIVED, req);
  CHECK(ran(req) == std::vector<std::string>{"count", "first"});
  CHECK(t.host.counter("requests_BYE") == 1);
}

TEST_CASE("the methods filter selects hooks by method") {
  Loaded t;
  SUBCASE("OPTIONS reaches only the OPTIONS hook, which answers") {
    FakeRequest req("OPTIONS", "sip:pbx.test");
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_STOP);
    CHECK(ran(req) == std::vector<std::string>{"options"});
    REQUIRE(req.final_response() != nullptr);
    CHECK(req.status() == 200);
    CHECK(req.final_response()->reason == "OK");
    CHECK(req.final_response()->header("x-greeting") == std::optional<std::string>("hello"));
  }
  SUBCASE("a method no hook lists runs nothing") {
    FakeRequest req("BYE", "sip:pbx.test");
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_CONTINUE);
    CHECK(req.hooks_run.empty());
    CHECK(req.responses.empty());
  }
  SUBCASE("both entries of \"REGISTER, SUBSCRIBE\" match, blanks ignored") {
    FakeRequest reg("REGISTER", "sip:pbx.test");
    FakeRequest sub("SUBSCRIBE", "sip:pbx.test");
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, reg) == LS_VERDICT_ASYNC);
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, sub) == LS_VERDICT_ASYNC);
    CHECK(ran(reg) == std::vector<std::string>{"store_then_answer"});
    CHECK(ran(sub) == std::vector<std::string>{"store_then_answer"});
    CHECK(t.host.run_pending() == 2);
    CHECK(reg.status() == 200);
    CHECK(sub.status() == 200);
  }
  SUBCASE("method names are case-sensitive") {
    FakeRequest req("options", "sip:pbx.test");
    t.host.dispatch(LS_HOOK_REQUEST, req);
    CHECK(req.hooks_run.empty());
  }
}

TEST_CASE("an exception escaping a hook becomes LS_VERDICT_ERROR and is logged") {
  Loaded t;
  SUBCASE("std::exception") {
    FakeRequest req("MESSAGE", "sip:1002@pbx.test");
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_ERROR);
    CHECK(t.host.logged("exception in hook: kaboom", LS_LOG_ERROR));
  }
  SUBCASE("anything else") {
    FakeRequest req("INFO", "sip:1002@pbx.test");
    CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_ERROR);
    CHECK(t.host.logged("unknown exception", LS_LOG_ERROR));
  }
}

TEST_CASE("observers are bound per event id and have an exception barrier") {
  Loaded t;
  t.host.emit_flow_closed(7, LS_TRANSPORT_TLS, "192.0.2.1", 5061);
  CHECK(t.probe().closed_flows == std::vector<ls_flow_id_t>{7});
  CHECK_FALSE(t.host.logged("exception"));

  ls_registration_event_t reg{};
  reg.size = sizeof reg;
  reg.change = LS_REG_BOUND;
  reg.aor = "sip:1001@pbx.test";
  t.host.emit(LS_EVENT_REGISTRATION, &reg);
  CHECK(t.probe().order == std::vector<std::string>{"flow_closed", "registration"});
  CHECK(t.host.logged("exception in observer: observer failed", LS_LOG_ERROR));
  CHECK(t.host.events().empty());  // emit() delivers, only the module's event_emit is recorded
}

TEST_CASE("a constructor that throws fails init with its message") {
  FakeHost host;
  host.config().set("fail_init", "yes");
  CHECK_FALSE(host.load(&probe::descriptor()));
  CHECK(host.load_error() == "probe: fail_init is set");
  CHECK(host.instance() == nullptr);
  REQUIRE(host.config_errors().size() == 1);
  CHECK(host.config_errors()[0].key == "fail_init");
  CHECK(host.config_errors()[0].message == "refusing to start on request");
  CHECK(host.config_errors()[0].node == host.config().handle());
}

TEST_CASE("an ASYNC hook resumes its request once the store write completes") {
  Loaded t;
  FakeRequest req("REGISTER", "sip:pbx.test");
  req.to_uri = "sip:1001@pbx.test";
  req.call_id = "abc@phone";
  CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_ASYNC);
  CHECK(req.suspended_token != 0);
  CHECK(t.host.suspended_count() == 1);
  CHECK(req.responses.empty());
  CHECK_FALSE(req.resumed);
  CHECK(t.host.store_get("bindings", "1001") == std::optional<std::string>("abc@phone"));
  CHECK(t.host.pending() == 1);

  SUBCASE("durable write: 200 then resume STOP") {
    CHECK(t.host.run_pending() == 1);
    CHECK(req.status() == 200);
    CHECK(req.resumed);
    CHECK(req.resume_verdict == LS_VERDICT_STOP);
    // A second resume of the same token is ignored.
    t.host.table()->request_resume(t.host.ctx(), req.suspended_token, LS_VERDICT_ERROR);
    CHECK(req.resume_verdict == LS_VERDICT_STOP);
  }
  SUBCASE("the transaction went away: the token no longer resolves") {
    t.host.expire(req);
    CHECK(t.host.run_pending() == 1);
    CHECK(req.responses.empty());
    CHECK_FALSE(req.resumed);
  }
}

TEST_CASE("a failed store write makes the ASYNC hook answer 500") {
  Loaded t;
  t.host.fail_next_store_write();
  FakeRequest req("REGISTER", "sip:pbx.test");
  req.to_uri = "sip:1002@pbx.test";
  CHECK(t.host.dispatch(LS_HOOK_REQUEST, req) == LS_VERDICT_ASYNC);
  CHECK_FALSE(t.host.store_get("bindings", "1002").has_value());
  t.host.run_pending();
  CHECK(req.status() == 500);
  CHECK(req.resumed);
}

TEST_CASE("timers fire in due order as the clock advances; repeating ones re-arm") {
  Loaded t;
  ProbeModule &m = t.probe();
  const int64_t mono0 = t.host.now_mono();
  const int64_t unix0 = t.host.now_unix();
  CHECK(t.host.active_timers() == 2);
  t.host.advance(999);
  CHECK(m.ticks == 0);
  t.host.advance(1);
  CHECK(m.ticks == 1);
  t.host.advance(1500);
  CHECK(m.order == std::vector<std::string>{"tick", "tick", "once"});
  CHECK(t.host.active_timers() == 1);
  t.host.advance(10'000);
  CHECK(m.ticks == 12);
  CHECK(m.once == 1);
  CHECK(t.host.now_mono() == mono0 + 12'500);
  CHECK(t.host.now_unix() == unix0 + 12);
  t.host.table()->timer_cancel(t.host.ctx(), m.ticker);
  t.host.advance(5000);
  CHECK(m.ticks == 12);
  CHECK(t.host.active_timers() == 0);
}

TEST_CASE("the host stops then destroys the instance when it goes away, stop runs once") {
  const int stops = ProbeModule::stops;
  const int destroyed = ProbeModule::destroyed;
  {
    Loaded t;
    t.host.stop();
    t.host.stop();
    CHECK(t.host.stopped());
    CHECK(ProbeModule::stops == stops + 1);
    CHECK(ProbeModule::destroyed == destroyed);
  }
  CHECK(ProbeModule::stops == stops + 1);
  CHECK(ProbeModule::destroyed == destroyed + 1);
  {
    Loaded t;
  }
  CHECK(ProbeModule::stops == stops + 2);
  CHECK(ProbeModule::destroyed == destroyed + 2);
  {
    FakeHost host;
    host.config().set("fail_init", true);
    CHECK_FALSE(host.load(&probe::descriptor()));
  }
  CHECK(ProbeModule::stops == stops + 2);
  CHECK(ProbeModule::destroyed == destroyed + 2);  // init failed: no instance, nothing to destroy
}
