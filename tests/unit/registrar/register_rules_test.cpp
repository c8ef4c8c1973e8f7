// tests/unit/registrar/register_rules_test.cpp: who may register (directory, domain, auth
// attribute), the Call-ID/CSeq rule, RFC 5626 instance replacement and max_contacts.
#include <doctest/doctest.h>

#include "registrar_test_support.hpp"

using namespace lineside::registrar;
using namespace lineside::registrar::test;

TEST_CASE("only provisioned devices in our domain may register") {
  RegistrarFixture f;
  REQUIRE(f.load());
  SUBCASE("unknown user: 404 and no binding") {
    auto req = f.make_register("4242");
    req->add_contact("sip:4242@192.0.2.10");
    CHECK(f.send(*req) == 404);
    CHECK(req->final_response()->reason == "Not Found");
    CHECK(f.module().bindings().size() == 0);
    CHECK(f.host.store_writes() == 0);
    CHECK(f.host.counter("rejected") == 1);
  }
  SUBCASE("a foreign domain: 404") {
    auto req = f.make_register("1001");
    req->to_uri = "sip:1001@elsewhere.example";
    req->add_contact("sip:1001@192.0.2.10");
    CHECK(f.send(*req) == 404);
  }
  SUBCASE("our domain in another case, or a numeric host, is accepted") {
    auto upper = f.make_register("1001");
    upper->to_uri = "sip:1001@PBX.Test";
    upper->add_contact("sip:1001@192.0.2.10");
    CHECK(f.send(*upper) == 200);
    auto numeric = f.make_register("1002");
    numeric->to_uri = "sip:1002@[2001:db8::1]";
    numeric->add_contact("sip:1002@192.0.2.11");
    CHECK(f.send(*numeric) == 200);
    CHECK(f.bindings_of("1002")[0].aor == "sip:1002@pbx.test");
  }
}

TEST_CASE("an authenticating device needs the auth module's device id (403 otherwise)") {
  RegistrarFixture f;
  REQUIRE(f.load());
  SUBCASE("no auth.device_id") {
    auto req = f.make_register("1001");
    req->attributes.clear();
    req->add_contact("sip:1001@192.0.2.10");
    CHECK(f.send(*req) == 403);
    CHECK(f.module().bindings().size() == 0);
  }
  SUBCASE("auth.device_id of another device") {
    auto req = f.make_register("1001");
    req->attributes["auth.device_id"] = "dev-1002";
    req->add_contact("sip:1001@192.0.2.10");
    CHECK(f.send(*req) == 403);
  }
  SUBCASE("a device without authentication registers without the attribute") {
    auto req = f.make_register("1010");
    req->attributes.clear();
    req->add_contact("sip:1010@192.0.2.10");
    CHECK(f.send(*req) == 200);
  }
}

TEST_CASE("same Call-ID with a CSeq not above the stored one is a 500 and changes nothing") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto first = f.make_register("1001", 5);
  first->add_contact("sip:1001@192.0.2.10").expires = 600;
  REQUIRE(f.send(*first) == 200);
  const uint64_t writes = f.host.store_writes();

  auto replay = f.make_register("1001", 5);
  replay->add_contact("sip:1001@192.0.2.10").expires = 3600;
  CHECK(f.send(*replay) == 500);
  CHECK(replay->final_response()->reason == "Server Internal Error");
  auto older = f.make_register("1001", 4);
  older->add_contact("sip:1001@192.0.2.10").expires = 0;
  CHECK(f.send(*older) == 500);
  auto star = f.make_register("1001", 3);
  star->add_star_contact();
  star->add_header("Expires", "0");
  CHECK(f.send(*star) == 500);
  CHECK(f.host.store_writes() == writes);
  REQUIRE(f.bindings_of("1001").size() == 1);
  CHECK(f.bindings_of("1001")[0].expires_at == f.host.now_unix() + 600);

  auto rebooted = f.make_register("1001", 1, "new-call-id@phone");
  rebooted->add_contact("sip:1001@192.0.2.10").expires = 3600;
  CHECK(f.send(*rebooted) == 200);
  CHECK(f.bindings_of("1001")[0].call_id == "new-call-id@phone");
}

TEST_CASE("a contact with +sip.instance replaces its old binding from a new address and flow") {
  RegistrarFixture f;
  REQUIRE(f.load());
  const std::string instance = "\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"";
  auto first = f.make_register("1001", 1, "boot-1@phone");
  first->peer.transport = LS_TRANSPORT_TLS;
  first->peer.flow = 21;
  auto &c1 = first->add_contact("sips:1001@198.51.100.7:40001;transport=tls");
  c1.instance = instance;
  c1.reg_id = "1";
  REQUIRE(f.send(*first) == 200);

  auto second = f.make_register("1001", 1, "boot-2@phone");
  second->peer.transport = LS_TRANSPORT_TLS;
  second->peer.addr = "198.51.100.8";
  second->peer.flow = 22;
  auto &c2 = second->add_contact("sips:1001@198.51.100.8:40017;transport=tls");
  c2.instance = instance;
  c2.reg_id = "1";
  REQUIRE(f.send(*second) == 200);

  const auto bound = f.bindings_of("1001");
  REQUIRE(bound.size() == 1);
  CHECK(bound[0].contact_uri == "sips:1001@198.51.100.8:40017;transport=tls");
  CHECK(bound[0].flow == 22);
  CHECK(bound[0].source_addr == "198.51.100.8");
  CHECK(f.contacts_of(*second->final_response()).size() == 1);
  REQUIRE(f.events_of(LS_REG_REMOVED).size() == 1);
  CHECK(f.events_of(LS_REG_REMOVED)[0].contact_uri == "sips:1001@198.51.100.7:40001;transport=tls");
  CHECK(f.events_of(LS_REG_BOUND).size() == 2);
  CHECK(f.stored_count() == 1);

  SUBCASE("another reg-id of the same instance is another flow, so another binding") {
    auto other_flow = f.make_register("1001", 2, "boot-2@phone");
    auto &c3 = other_flow->add_contact("sips:1001@198.51.100.8:40018;transport=tls");
    c3.instance = instance;
    c3.reg_id = "2";
    REQUIRE(f.send(*other_flow) == 200);
    CHECK(f.bindings_of("1001").size() == 2);
  }
}

TEST_CASE("max_contacts: 403 Too Many Contacts, or replace the oldest binding") {
  RegistrarFixture f;
  f.host.config().set("max_contacts", 2);
  SUBCASE("reject") {
    REQUIRE(f.load());
    auto reg = f.make_register("1001", 1);
    reg->add_contact("sip:1001@192.0.2.1");
    reg->add_contact("sip:1001@192.0.2.2");
    REQUIRE(f.send(*reg) == 200);
    auto third = f.make_register("1001", 2);
    third->add_contact("sip:1001@192.0.2.3");
    CHECK(f.send(*third) == 403);
    CHECK(third->final_response()->reason == "Too Many Contacts");
    CHECK(f.bindings_of("1001").size() == 2);
    auto refresh = f.make_register("1001", 3);
    refresh->add_contact("sip:1001@192.0.2.2");
    CHECK(f.send(*refresh) == 200);
  }
  SUBCASE("replace_oldest") {
    f.host.config().set("max_contacts_policy", "replace_oldest");
    REQUIRE(f.load());
    auto a = f.make_register("1001", 1);
    a->add_contact("sip:1001@192.0.2.1");
    REQUIRE(f.send(*a) == 200);
    f.host.advance(5'000);
    auto b = f.make_register("1001", 2);
    b->add_contact("sip:1001@192.0.2.2");
    REQUIRE(f.send(*b) == 200);
    f.host.advance(5'000);
    auto c = f.make_register("1001", 3);
    c->add_contact("sip:1001@192.0.2.3");
    REQUIRE(f.send(*c) == 200);
    std::vector<std::string> uris;
    for (const auto &binding : f.bindings_of("1001")) uris.push_back(binding.contact_uri);
    CHECK(uris == std::vector<std::string>{"sip:1001@192.0.2.2", "sip:1001@192.0.2.3"});
    REQUIRE(f.events_of(LS_REG_REMOVED).size() == 1);
    CHECK(f.events_of(LS_REG_REMOVED)[0].contact_uri == "sip:1001@192.0.2.1");
    CHECK(f.stored_count() == 2);
    auto too_many = f.make_register("1001", 4);
    too_many->add_contact("sip:1001@192.0.2.4");
    too_many->add_contact("sip:1001@192.0.2.5");
    too_many->add_contact("sip:1001@192.0.2.6");
    CHECK(f.send(*too_many) == 403);
  }
}
