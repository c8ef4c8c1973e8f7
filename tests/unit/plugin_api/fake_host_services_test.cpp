// fake_host_services_test.cpp: the fake host's services (store, workers, providers, events,
// metrics, listeners, flows, admin routes, identity) and its load/reload checks, driven through
// a raw C-style module and directly through the host table.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "lineside/testing/fake_host.hpp"

using namespace lineside::testing;

namespace raw {
/// State of the raw C-style module below.
struct State {
  const ls_host_t *host;
  ls_module_ctx_t *ctx;
  int reloads = 0;
};
const ls_location_v1_t kLocation = {sizeof(ls_location_v1_t), 0, nullptr, nullptr, nullptr};
bool register_provider = true;

void on_admin(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  auto *s = static_cast<State *>(arg);
  const std::string body = std::string("{\"path\":\"") + req->path + "\",\"query\":\"" + req->query +
                           "\",\"body\":\"" + std::string(req->body, req->body_len) + "\"}";
  s->host->admin_reply(reply, 200, nullptr, body.data(), body.size());
}
void on_admin_silent(void *, const ls_admin_request_t *, ls_admin_reply_t *) {}

int init(const ls_host_t *host, ls_module_ctx_t *ctx, void **instance, char *, size_t) {
  auto *s = new State{host, ctx};
  if (register_provider)
    host->provider_register(ctx, LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, &kLocation, s);
  host->admin_route(ctx, "GET", "/api/v1/things", &on_admin, s);
  host->admin_route(ctx, "GET", "/api/v1/things/silent", &on_admin_silent, s);
  *instance = s;
  return 0;
}
int check(void *, const ls_config_t *cfg, char *err, size_t len) {
  int refuse = 0;
  auto *h = FakeHost::table();
  if (h->config_bool(cfg, "refuse", &refuse) == 0 && refuse) {
    std::snprintf(err, len, "refusing on purpose");
    return -1;
  }
  return 0;
}
void apply(void *instance, const ls_config_t *) { ++static_cast<State *>(instance)->reloads; }

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "refuse", "false", "refuse reloads", 0, 0, 0, 0, nullptr, nullptr}};
const ls_provider_decl_t kProvides[] = {{sizeof(ls_provider_decl_t), LS_LOCATION_VERSION, LS_LOCATION_PROVIDER}};
const ls_requirement_t kNeeds[] = {
    {sizeof(ls_requirement_t), LS_DIRECTORY_VERSION, LS_DIRECTORY_PROVIDER, 0, 0},
    {sizeof(ls_requirement_t), 1, "lineside.media", 1, 0}};

/// The descriptor; `minor` lets a test claim a newer ABI minor.
ls_module_descriptor_t descriptor(uint32_t minor = LS_ABI_MINOR) {
  ls_module_descriptor_t d{};
  d.size = sizeof d;
  d.abi_major = LS_ABI_MAJOR;
  d.abi_minor = minor;
  d.name = "raw";
  d.config_fields = kFields;
  d.config_field_count = 1;
  d.provides = kProvides;
  d.provide_count = 1;
  d.requirements = kNeeds;
  d.requirement_count = 2;
  d.init = &init;
  d.reconfigure_check = &check;
  d.reconfigure_apply = &apply;
  return d;
}
void destroy(void *instance) { delete static_cast<State *>(instance); }
}  // namespace raw

TEST_CASE("load refuses a missing required provider, a newer ABI minor, an unregistered provider") {
  const ls_module_descriptor_t d = raw::descriptor();
  FakeDirectory dir;
  SUBCASE("missing required provider (the optional one may be absent)") {
    FakeHost host;
    CHECK_FALSE(host.load(&d, raw::destroy));
    CHECK(host.load_error() == "module raw requires provider lineside.directory/1, which nothing provides");
  }
  SUBCASE("newer ABI minor") {
    const ls_module_descriptor_t newer = raw::descriptor(LS_ABI_MINOR + 1);
    FakeHost host;
    host.provide_directory(dir);
    CHECK_FALSE(host.load(&newer, raw::destroy));
    CHECK(host.load_error().find("needs ABI minor") != std::string::npos);
  }
  SUBCASE("declared provider never registered") {
    raw::register_provider = false;
    FakeHost host;
    host.provide_directory(dir);
    CHECK_FALSE(host.load(&d, raw::destroy));
    CHECK(host.load_error() ==
          "module raw declares provider lineside.location/1 but did not register it during init");
    raw::register_provider = true;
  }
  SUBCASE("everything present") {
    FakeHost host;
    host.provide_directory(dir);
    REQUIRE_MESSAGE(host.load(&d, raw::destroy), host.load_error());
    const ProviderEntry *p = host.provider(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION);
    REQUIRE(p != nullptr);
    CHECK(p->by_module);
    CHECK(host.provider_table<ls_location_v1_t>(LS_LOCATION_PROVIDER, 1) == &raw::kLocation);
    CHECK_FALSE(host.load(&d, raw::destroy));  // one module per host
  }
}

TEST_CASE("reconfigure runs check then apply and swaps the config only on success") {
  const ls_module_descriptor_t d = raw::descriptor();
  FakeDirectory dir;
  FakeHost host;
  host.provide_directory(dir);
  REQUIRE(host.load(&d, raw::destroy));
  auto *state = static_cast<raw::State *>(host.instance());
  FakeConfig refuse;
  refuse.set("refuse", "yes");
  CHECK_FALSE(host.reconfigure(std::move(refuse)));
  CHECK(host.load_error() == "refusing on purpose");
  CHECK(state->reloads == 0);
  FakeConfig bad;
  bad.set("nope", 1);
  CHECK_FALSE(host.reconfigure(std::move(bad)));
  CHECK(host.load_error() == "modules.raw.config.nope: unknown key");
  CHECK(host.reconfigure(FakeConfig{}));
  CHECK(state->reloads == 1);
  CHECK(host.config().find("refuse")->flag == false);
}

TEST_CASE("admin routes: longest prefix wins, unknown paths 404, a silent handler 500") {
  const ls_module_descriptor_t d = raw::descriptor();
  FakeDirectory dir;
  FakeHost host;
  host.provide_directory(dir);
  REQUIRE(host.load(&d, raw::destroy));
  CHECK(host.admin_route_count() == 2);
  const AdminResult ok = host.admin("GET", "/api/v1/things/7", "x=1", "hi");
  CHECK(ok.status == 200);
  CHECK(ok.content_type == "application/json");
  CHECK(ok.body == "{\"path\":\"/api/v1/things/7\",\"query\":\"x=1\",\"body\":\"hi\"}");
  CHECK(host.admin("GET", "/api/v1/things/silent/1").status == 500);
  CHECK(host.admin("PUT", "/api/v1/things/7").status == 404);
  CHECK(host.admin("GET", "/api/v2").status == 404);
  auto *s = static_cast<raw::State *>(host.instance());
  CHECK(s->host->admin_route(s->ctx, "GET", "/api/v1/things", &raw::on_admin, s) == -1);
}

namespace {
int collect(void *arg, const char *key, const void *value, size_t len) {
  auto *out = static_cast<std::vector<std::string> *>(arg);
  out->push_back(std::string(key) + "=" + std::string(static_cast<const char *>(value), len));
  return out->size() >= 2 ? 1 : 0;
}
void record_status(void *arg, int status) { static_cast<std::vector<int> *>(arg)->push_back(status); }
}  // namespace

TEST_CASE("store writes apply at once, completions wait for run_pending, failures are injectable") {
  FakeHost host;
  const ls_host_t *h = FakeHost::table();
  std::vector<int> done;
  CHECK(h->store_put(host.ctx(), "t", "b", "2", 1, &record_status, &done) == 0);
  CHECK(h->store_put(host.ctx(), "t", "a", "1", 1, &record_status, &done) == 0);
  CHECK(h->store_put(host.ctx(), "t", "c", "3", 1, nullptr, nullptr) == 0);
  CHECK(host.store_get("t", "a") == std::optional<std::string>("1"));
  CHECK(done.empty());
  CHECK(host.pending() == 2);
  CHECK(host.run_pending() == 2);
  CHECK(done == std::vector<int>{0, 0});

  std::vector<std::string> seen;
  CHECK(h->store_scan(host.ctx(), "t", &collect, &seen) == 2);  // visitor stops after two
  CHECK(seen == std::vector<std::string>{"a=1", "b=2"});
  CHECK(h->store_scan(host.ctx(), "empty", &collect, &seen) == 0);

  host.fail_next_store_write();
  CHECK(h->store_delete(host.ctx(), "t", "a", &record_status, &done) == 0);
  CHECK(host.store_get("t", "a").has_value());
  CHECK(h->store_delete(host.ctx(), "t", "b", &record_status, &done) == 0);
  CHECK_FALSE(host.store_get("t", "b").has_value());
  host.run_pending();
  CHECK(done == std::vector<int>{0, 0, -1, 0});
  CHECK(host.store_writes() == 5);
  CHECK(h->store_put(host.ctx(), nullptr, "k", "", 0, nullptr, nullptr) == -1);
}

namespace {
void work(void *arg) { static_cast<std::vector<std::string> *>(arg)->push_back("work"); }
void work_done(void *arg) { static_cast<std::vector<std::string> *>(arg)->push_back("done"); }
}  // namespace

TEST_CASE("worker_submit runs the work now and its completion on run_pending") {
  FakeHost host;
  std::vector<std::string> steps;
  CHECK(FakeHost::table()->worker_submit(host.ctx(), &work, &work_done, &steps) == 0);
  CHECK(steps == std::vector<std::string>{"work"});
  host.run_pending();
  CHECK(steps == std::vector<std::string>{"work", "done"});
  CHECK(FakeHost::table()->worker_submit(host.ctx(), nullptr, &work_done, &steps) == -1);
}

TEST_CASE("FakeDirectory answers lookups with the HA1 values the test gave it") {
  FakeHost host;
  FakeDirectory dir;
  dir.add_device("dev-1001", "1001", "1001", "md5hex", "sha256hex").display_name = "Desk";
  dir.add_device("dev-1002", "1002", "2002").auth_enabled = false;
  host.provide_directory(dir);
  void *self = nullptr;
  const auto *t = static_cast<const ls_directory_v1_t *>(
      FakeHost::table()->provider_get(host.ctx(), LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, &self));
  REQUIRE(t != nullptr);
  CHECK(self == dir.self());
  ls_device_info_t info{};
  info.size = sizeof info;
  REQUIRE(t->device_by_user(self, "1001", &info) == 0);
  CHECK(std::string(info.ha1_md5) == "md5hex");
  CHECK(std::string(info.ha1_sha256) == "sha256hex");
  CHECK(std::string(info.realm) == "pbx.test");
  CHECK(std::string(info.display_name) == "Desk");
  CHECK(info.auth_enabled == 1);
  REQUIRE(t->device_by_dn(self, "2002", &info) == 0);
  CHECK(std::string(info.device_id) == "dev-1002");
  CHECK(info.auth_enabled == 0);
  CHECK(t->device_by_user(self, "9999", &info) == -1);
  CHECK(t->device_count(self) == 2);
  CHECK(dir.lookups() == 3);
  CHECK(dir.remove_device("1001"));
  CHECK(t->device_by_user(self, "1001", &info) == -1);
  CHECK(FakeHost::table()->provider_get(host.ctx(), LS_DIRECTORY_PROVIDER, 2, &self) == nullptr);
  CHECK(self == nullptr);
}

TEST_CASE("emitted registration events are recorded as copies") {
  FakeHost host;
  char aor[] = "sip:1001@pbx.test";
  ls_registration_event_t e{};
  e.size = sizeof e;
  e.change = LS_REG_BOUND;
  e.aor = aor;
  e.device_id = "dev-1001";
  e.contact_uri = "sip:1001@192.0.2.5";
  e.expires_at = 1'700'003'600;
  e.transport = LS_TRANSPORT_TCP;
  e.flow = 5;
  e.source_addr = "192.0.2.5";
  e.source_port = 40000;
  FakeHost::table()->event_emit(host.ctx(), LS_EVENT_REGISTRATION, &e);
  std::memset(aor, 'x', sizeof aor - 1);
  REQUIRE(host.events().size() == 1);
  const EmittedEvent &rec = host.events()[0];
  CHECK(rec.event_id == LS_EVENT_REGISTRATION);
  REQUIRE(rec.registration.has_value());
  CHECK(rec.registration->aor == "sip:1001@pbx.test");
  CHECK(rec.registration->flow == 5);
  CHECK(rec.registration->source_port == 40000);
  CHECK_FALSE(rec.registration->user_agent.has_value());
  CHECK_FALSE(rec.flow.has_value());
}

TEST_CASE("logs, metrics, listeners, flows, identity and clocks") {
  FakeHost host;
  const ls_host_t *h = FakeHost::table();
  CHECK(h->size == sizeof(ls_host_t));
  CHECK(h->abi_major == LS_ABI_MAJOR);
  CHECK(h->abi_minor == LS_ABI_MINOR);
  h->log(host.ctx(), LS_LOG_WARNING, "disk is slow");
  CHECK(host.logged("slow", LS_LOG_WARNING));
  CHECK_FALSE(host.logged("slow", LS_LOG_ERROR));
  h->metric_add(host.ctx(), "hits", 2);
  h->metric_add(host.ctx(), "hits", 3);
  h->metric_set(host.ctx(), "bindings", 9);
  CHECK(host.counter("hits") == 5);
  CHECK(host.counter("never") == 0);
  CHECK(host.gauge("bindings") == 9);
  CHECK_FALSE(host.gauge("hits").has_value());

  ls_listener_t l{};
  l.size = sizeof l;
  l.transport = LS_TRANSPORT_TLS;
  l.address = "127.0.0.1";
  l.port = 5061;
  l.tls_min_version = 0x0303;
  l.cert_file = "/etc/lineside/tls/agent.pem";
  l.key_file = "/etc/lineside/tls/agent.pem";
  char err[128] = "";
  CHECK(h->transport_listen(host.ctx(), &l, err, sizeof err) == 0);
  REQUIRE(host.listeners().size() == 1);
  CHECK(host.listeners()[0].cert_file == std::optional<std::string>("/etc/lineside/tls/agent.pem"));
  CHECK_FALSE(host.listeners()[0].ca_file.has_value());
  l.tls_min_version = 0x0302;
  CHECK(h->transport_listen(host.ctx(), &l, err, sizeof err) == -1);
  CHECK(std::string(err) == "TLS minimum version below 1.2 is refused");
  l.tls_min_version = 0;
  host.fail_next_listen("cannot read certificate /x.pem: No such file or directory");
  CHECK(h->transport_listen(host.ctx(), &l, err, sizeof err) == -1);
  CHECK(std::string(err) == "cannot read certificate /x.pem: No such file or directory");
  CHECK(h->transport_listen(host.ctx(), &l, err, sizeof err) == 0);

  CHECK(h->flow_is_open(host.ctx(), 3) == 1);
  CHECK(h->flow_is_open(host.ctx(), 0) == 0);
  host.set_flow_open(3, false);
  CHECK(h->flow_is_open(host.ctx(), 3) == 0);

  CHECK(std::string(h->sip_domain(host.ctx())) == "pbx.test");
  host.set_sip_domain("example.org");
  CHECK(std::string(h->sip_domain(host.ctx())) == "example.org");
  host.set_now_unix(1'800'000'000);
  host.set_now_mono(5);
  CHECK(h->now_unix(host.ctx()) == 1'800'000'000);
  CHECK(h->now_mono_ms(host.ctx()) == 5);
  host.advance(2500);
  CHECK(h->now_unix(host.ctx()) == 1'800'000'002);
  CHECK(h->now_mono_ms(host.ctx()) == 2505);
  CHECK_THROWS_AS(host.advance(-1), std::logic_error);
}

TEST_CASE("log and metrics may be called from several threads at once") {
  FakeHost host;
  const ls_host_t *h = FakeHost::table();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&host, h] {
      for (int i = 0; i < 500; ++i) {
        h->metric_add(host.ctx(), "packets", 1);
        h->log(host.ctx(), LS_LOG_DEBUG, "relay tick");
      }
    });
  }
  for (auto &t : threads) t.join();
  CHECK(host.counter("packets") == 2000);
  CHECK(host.logs().size() == 2000);
}
