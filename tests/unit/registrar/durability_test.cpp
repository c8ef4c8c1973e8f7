// tests/unit/registrar/durability_test.cpp: the 200 waits for the store, failed writes roll back,
// expiry by timer, restore at start (TCP/TLS awaiting reconnect), and flow closure.
#include <doctest/doctest.h>

#include "binding_codec.hpp"
#include "registrar_test_support.hpp"

using namespace lineside::registrar;
using namespace lineside::registrar::test;

TEST_CASE("the 200 is sent only after the store has committed the binding") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto req = f.make_register("1001");
  req->add_contact("sip:1001@192.0.2.10");
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *req) == LS_VERDICT_ASYNC);
  CHECK(req->responses.empty());
  CHECK(req->suspended_token != 0);
  CHECK(f.host.pending() == 1);
  CHECK(f.events_of(LS_REG_BOUND).empty());
  f.host.run_pending();
  CHECK(req->status() == 200);
  CHECK(req->resumed);
  CHECK(req->resume_verdict == LS_VERDICT_STOP);
  CHECK(f.events_of(LS_REG_BOUND).size() == 1);
  const auto stored = f.host.store_get(kBindingsTable, f.bindings_of("1001")[0].store_key());
  REQUIRE(stored);
  const auto decoded = decode_binding(*stored);
  REQUIRE(decoded);
  CHECK(decoded->contact_uri == "sip:1001@192.0.2.10");
}

TEST_CASE("a failed store write answers 500 and rolls the table back") {
  RegistrarFixture f;
  REQUIRE(f.load());
  SUBCASE("a new binding disappears") {
    auto req = f.make_register("1001");
    req->add_contact("sip:1001@192.0.2.10");
    f.host.fail_next_store_write();
    CHECK(f.send(*req) == 500);
    CHECK(req->final_response()->reason == "Server Internal Error");
    CHECK(f.bindings_of("1001").empty());
    CHECK(f.events_of(LS_REG_BOUND).empty());
    CHECK(f.host.gauge("bindings") == 0);
    CHECK(f.host.logged("store write failed", LS_LOG_ERROR));
  }
  SUBCASE("a refresh and a removal are undone") {
    auto reg = f.make_register("1001", 1);
    reg->add_contact("sip:1001@192.0.2.10").expires = 600;
    reg->add_contact("sip:1001@192.0.2.11").expires = 600;
    REQUIRE(f.send(*reg) == 200);
    const auto before = f.bindings_of("1001");
    f.host.advance(20'000);
    auto change = f.make_register("1001", 2);
    change->add_contact("sip:1001@192.0.2.10").expires = 3600;
    change->add_contact("sip:1001@192.0.2.11").expires = 0;
    f.host.fail_next_store_write();
    CHECK(f.send(*change) == 500);
    const auto after = f.bindings_of("1001");
    REQUIRE(after.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
      CHECK(after[i].contact_uri == before[i].contact_uri);
      CHECK(after[i].expires_at == before[i].expires_at);
      CHECK(after[i].cseq == 1);
    }
    CHECK(f.events_of(LS_REG_REFRESHED).empty());
    CHECK(f.events_of(LS_REG_REMOVED).empty());
  }
}

TEST_CASE("the request vanishing while the write is pending still commits the binding") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto req = f.make_register("1001");
  req->add_contact("sip:1001@192.0.2.10");
  REQUIRE(f.host.dispatch(LS_HOOK_REQUEST, *req) == LS_VERDICT_ASYNC);
  f.host.expire(*req);
  f.host.run_pending();
  CHECK(req->responses.empty());
  CHECK(f.bindings_of("1001").size() == 1);
  CHECK(f.events_of(LS_REG_BOUND).size() == 1);
}

TEST_CASE("a binding expires within a second of its expiry: removed, deleted, EXPIRED emitted") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto req = f.make_register("1001");
  req->add_contact("sip:1001@192.0.2.10").expires = 60;
  REQUIRE(f.send(*req) == 200);
  const std::string key = f.bindings_of("1001")[0].store_key();
  f.host.advance(59'000);
  CHECK(f.bindings_of("1001").size() == 1);
  CHECK(f.events_of(LS_REG_EXPIRED).empty());
  f.host.advance(1'000);
  f.host.run_pending();
  CHECK(f.bindings_of("1001").empty());
  REQUIRE(f.events_of(LS_REG_EXPIRED).size() == 1);
  CHECK(f.events_of(LS_REG_EXPIRED)[0].expires_at == 0);
  CHECK_FALSE(f.host.store_get(kBindingsTable, key));
  CHECK(f.host.counter("expired") == 1);
  CHECK(f.host.gauge("bindings") == 0);
}

namespace {
Binding saved(const std::string &user, const std::string &contact, uint32_t transport, int64_t expires_at) {
  Binding b;
  b.user = user;
  b.aor = "sip:" + user + "@pbx.test";
  b.device_id = "dev-" + user;
  b.contact_uri = contact;
  b.call_id = "saved@phone";
  b.cseq = 7;
  b.expires_at = expires_at;
  b.updated_at = expires_at - 3600;
  b.transport = transport;
  b.source_addr = "203.0.113.5";
  b.source_port = 5060;
  b.flow = 99;
  return b;
}
}  // namespace

TEST_CASE("start restores saved bindings: expired ones dropped, TCP/TLS await reconnection") {
  RegistrarFixture f;
  const int64_t now = f.host.now_unix();
  const Binding udp = saved("1001", "sip:1001@203.0.113.5", LS_TRANSPORT_UDP, now + 600);
  const Binding tls = saved("1002", "sips:1002@203.0.113.6;transport=tls", LS_TRANSPORT_TLS, now + 900);
  const Binding tcp = saved("1010", "sip:1010@203.0.113.7;transport=tcp", LS_TRANSPORT_TCP, now + 900);
  const Binding old = saved("1001", "sip:1001@203.0.113.9", LS_TRANSPORT_UDP, now - 1);
  for (const Binding *b : {&udp, &tls, &tcp, &old})
    f.host.store_seed(kBindingsTable, b->store_key(), encode_binding(*b));
  f.host.store_seed(kBindingsTable, "garbage", "not a binding");
  REQUIRE(f.load());
  f.host.run_pending();

  CHECK(f.module().bindings().size() == 3);
  const auto restored_udp = f.bindings_of("1001");
  REQUIRE(restored_udp.size() == 1);
  CHECK(restored_udp[0].flow == 0);
  CHECK_FALSE(restored_udp[0].awaiting_reconnect);
  CHECK(restored_udp[0].cseq == 7);
  const auto restored_tls = f.bindings_of("1002");
  REQUIRE(restored_tls.size() == 1);
  CHECK(restored_tls[0].flow == 0);
  CHECK(restored_tls[0].awaiting_reconnect);
  CHECK(f.bindings_of("1010")[0].awaiting_reconnect);
  CHECK(f.events_of(LS_REG_RESTORED).size() == 3);
  CHECK(f.stored_count() == 3);
  CHECK_FALSE(f.host.store_get(kBindingsTable, old.store_key()));
  CHECK_FALSE(f.host.store_get(kBindingsTable, "garbage"));
  CHECK(f.host.logged("restored 3 binding(s)", LS_LOG_NOTICE));
  CHECK(f.host.gauge("bindings") == 3);

  // The phone reconnects and re-registers the same contact: the binding is live again.
  auto again = f.make_register("1002", 1, "after-restart@phone");
  again->peer.transport = LS_TRANSPORT_TLS;
  again->peer.flow = 31;
  again->add_contact("sips:1002@203.0.113.6;transport=tls");
  REQUIRE(f.send(*again) == 200);
  REQUIRE(f.bindings_of("1002").size() == 1);
  CHECK(f.bindings_of("1002")[0].flow == 31);
  CHECK_FALSE(f.bindings_of("1002")[0].awaiting_reconnect);
}

TEST_CASE("bindings made in one run come back in the next (store round trip)") {
  RegistrarFixture first;
  REQUIRE(first.load());
  auto req = first.make_register("1001");
  req->peer.transport = LS_TRANSPORT_TCP;
  req->add_contact("sip:1001@192.0.2.10;transport=tcp").instance = "\"<urn:uuid:1>\"";
  REQUIRE(first.send(*req) == 200);

  RegistrarFixture second;
  for (const auto &[key, value] : first.host.store().at(kBindingsTable))
    second.host.store_seed(kBindingsTable, key, value);
  REQUIRE(second.load());
  const auto bound = second.bindings_of("1001");
  REQUIRE(bound.size() == 1);
  CHECK(bound[0].instance == "\"<urn:uuid:1>\"");
  CHECK(bound[0].expires_at == first.bindings_of("1001")[0].expires_at);
  CHECK(bound[0].awaiting_reconnect);
}

TEST_CASE("a closed flow leaves its bindings in place, awaiting reconnection") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto tcp = f.make_register("1001");
  tcp->peer.transport = LS_TRANSPORT_TCP;
  tcp->peer.flow = 7;
  tcp->add_contact("sip:1001@192.0.2.10;transport=tcp");
  REQUIRE(f.send(*tcp) == 200);
  auto udp = f.make_register("1002");
  udp->peer.flow = 8;
  udp->add_contact("sip:1002@192.0.2.11");
  REQUIRE(f.send(*udp) == 200);
  const uint64_t writes = f.host.store_writes();

  f.host.emit_flow_closed(7);
  const auto closed = f.bindings_of("1001");
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].flow == 0);
  CHECK(closed[0].awaiting_reconnect);
  CHECK(f.bindings_of("1002")[0].flow == 8);
  CHECK_FALSE(f.bindings_of("1002")[0].awaiting_reconnect);
  CHECK(f.host.store_writes() == writes);
  CHECK(f.module().bindings().on_flow(7).empty());
}
