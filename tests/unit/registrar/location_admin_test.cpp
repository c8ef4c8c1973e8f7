// tests/unit/registrar/location_admin_test.cpp: the lineside.location/1 provider and the admin
// routes (GET JSON with escaping and a user filter, DELETE).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "registrar_test_support.hpp"

using namespace lineside::registrar;
using namespace lineside::registrar::test;

namespace {

struct Seen {
  std::vector<std::string> contacts;
  std::vector<uint32_t> awaiting;
  std::vector<std::string> paths;
  std::vector<std::string> device_ids;
};

int remember(void *arg, const ls_binding_t *b) {
  auto *seen = static_cast<Seen *>(arg);
  seen->contacts.emplace_back(b->contact_uri);
  seen->awaiting.push_back(b->awaiting_reconnect);
  seen->paths.emplace_back(b->path ? b->path : "(none)");
  seen->device_ids.emplace_back(b->device_id);
  return 0;
}

int stop_at_first(void *, const ls_binding_t *) { return 1; }

}  // namespace

TEST_CASE("lineside.location/1 looks up, visits and counts the live bindings") {
  RegistrarFixture f;
  REQUIRE(f.load());
  const auto *location = f.host.provider_table<ls_location_v1_t>(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION);
  REQUIRE(location != nullptr);
  void *self = f.host.provider(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION)->self;

  auto a = f.make_register("1001");
  a->add_contact("sip:1001@192.0.2.10").expires = 60;
  a->add_contact("sip:1001@192.0.2.11").expires = 3600;
  a->add_header("Path", "<sip:edge.pbx.test;lr>");
  REQUIRE(f.send(*a) == 200);
  auto b = f.make_register("1002");
  b->peer.transport = LS_TRANSPORT_TCP;
  b->peer.flow = 5;
  b->add_contact("sip:1002@192.0.2.12;transport=tcp");
  REQUIRE(f.send(*b) == 200);
  f.host.emit_flow_closed(5);

  Seen seen;
  CHECK(location->lookup(self, "1001", &remember, &seen) == 2);
  CHECK(seen.contacts == std::vector<std::string>{"sip:1001@192.0.2.10", "sip:1001@192.0.2.11"});
  CHECK(seen.paths == std::vector<std::string>{"<sip:edge.pbx.test;lr>", "<sip:edge.pbx.test;lr>"});
  CHECK(seen.device_ids[0] == "dev-1001");
  CHECK(location->lookup(self, "9999", &remember, &seen) == 0);
  CHECK(location->count(self) == 3);

  Seen all;
  CHECK(location->for_each(self, &remember, &all) == 3);
  CHECK(all.awaiting == std::vector<uint32_t>{0, 0, 1});
  CHECK(location->for_each(self, &stop_at_first, nullptr) == 1);

  // The wall clock passes a binding's expiry before the next expiry tick: no longer live.
  f.host.set_now_unix(f.host.now_unix() + 61);
  Seen later;
  CHECK(location->lookup(self, "1001", &remember, &later) == 1);
  CHECK(later.contacts == std::vector<std::string>{"sip:1001@192.0.2.11"});
  CHECK(location->count(self) == 2);
}

TEST_CASE("GET /api/v1/registrations lists bindings as JSON, escaped, optionally for one user") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto a = f.make_register("1001");
  a->user_agent = "Phone \"X\"\\1\n\x01";
  a->add_contact("sip:1001@192.0.2.10").expires = 600;
  REQUIRE(f.send(*a) == 200);
  auto b = f.make_register("1002");
  b->user_agent.reset();
  b->peer.transport = LS_TRANSPORT_TLS;
  b->peer.addr = "2001:db8::7";
  b->peer.flow = 3;
  b->add_contact("sips:1002@[2001:db8::7]:5061").instance = "\"<urn:uuid:abc>\"";
  REQUIRE(f.send(*b) == 200);
  f.host.advance(10'000);

  const int64_t now = f.host.now_unix();
  const std::string first =
      "{\"user\":\"1001\",\"aor\":\"sip:1001@pbx.test\",\"device_id\":\"dev-1001\","
      "\"contact\":\"sip:1001@192.0.2.10\",\"expires_at\":" + std::to_string(now + 590) +
      ",\"expires_in\":590,\"transport\":\"udp\",\"source\":\"192.0.2.10:5062\",\"flow\":11,"
      "\"awaiting_reconnect\":false,\"user_agent\":\"Phone \\\"X\\\"\\\\1\\n\\u0001\","
      "\"instance\":null}";
  const std::string second =
      "{\"user\":\"1002\",\"aor\":\"sip:1002@pbx.test\",\"device_id\":\"dev-1002\","
      "\"contact\":\"sips:1002@[2001:db8::7]:5061\",\"expires_at\":" + std::to_string(now + 3590) +
      ",\"expires_in\":3590,\"transport\":\"tls\",\"source\":\"[2001:db8::7]:5062\",\"flow\":3,"
      "\"awaiting_reconnect\":false,\"user_agent\":null,\"instance\":\"\\\"<urn:uuid:abc>\\\"\"}";

  const auto all = f.host.admin("GET", "/api/v1/registrations");
  CHECK(all.status == 200);
  CHECK(all.content_type == "application/json");
  CHECK(all.body == "{\"registrations\":[" + first + "," + second + "],\"count\":2}");

  const auto one = f.host.admin("GET", "/api/v1/registrations", "user=1002");
  CHECK(one.body == "{\"registrations\":[" + second + "],\"count\":1}");
  const auto by_path = f.host.admin("GET", "/api/v1/registrations/1001");
  CHECK(by_path.body == "{\"registrations\":[" + first + "],\"count\":1}");
  const auto none = f.host.admin("GET", "/api/v1/registrations", "user=4242");
  CHECK(none.body == "{\"registrations\":[],\"count\":0}");
  CHECK(f.host.admin("GET", "/api/v1/registrationsXYZ").status == 404);
}

TEST_CASE("DELETE /api/v1/registrations/<user> removes that AoR's bindings durably") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto a = f.make_register("1001");
  a->add_contact("sip:1001@192.0.2.10");
  a->add_contact("sip:1001@192.0.2.11");
  REQUIRE(f.send(*a) == 200);
  auto b = f.make_register("1002");
  b->add_contact("sip:1002@192.0.2.12");
  REQUIRE(f.send(*b) == 200);

  const auto removed = f.host.admin("DELETE", "/api/v1/registrations/1001");
  CHECK(removed.status == 200);
  CHECK(removed.body == "{\"removed\":2}");
  CHECK(f.bindings_of("1001").empty());
  f.host.run_pending();
  CHECK(f.stored_count() == 1);
  CHECK(f.events_of(LS_REG_REMOVED).size() == 2);
  CHECK(f.host.gauge("bindings") == 1);

  const auto again = f.host.admin("DELETE", "/api/v1/registrations/1001");
  CHECK(again.status == 404);
  CHECK(again.body == "{\"error\":\"no registrations for user 1001\"}");
  CHECK(f.host.admin("DELETE", "/api/v1/registrations").status == 400);

  SUBCASE("a failed store delete puts the bindings back") {
    f.host.fail_next_store_write();
    CHECK(f.host.admin("DELETE", "/api/v1/registrations/1002").status == 200);
    f.host.run_pending();
    CHECK(f.bindings_of("1002").size() == 1);
    CHECK(f.host.logged("rolled back", LS_LOG_ERROR));
  }
}
