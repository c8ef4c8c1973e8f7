// tests/unit/registrar/register_flow_test.cpp: REGISTER binding, refresh, un-register, star,
// expiry selection (423, clamping, Expires header, default), query and Path handling.
#include <doctest/doctest.h>

#include "registrar_test_support.hpp"

using namespace lineside::registrar;
using namespace lineside::registrar::test;

TEST_CASE("a REGISTER binds the contact and the 200 lists it with expires and a Date") {
  RegistrarFixture f;
  REQUIRE_MESSAGE(f.load(), f.host.load_error());
  auto req = f.make_register("1001");
  req->add_contact("sip:1001@192.0.2.10:5062");
  CHECK(f.send(*req) == 200);
  const auto *ok = req->final_response();
  REQUIRE(ok != nullptr);
  CHECK(f.contacts_of(*ok) == std::vector<std::string>{"<sip:1001@192.0.2.10:5062>;expires=3600"});
  CHECK(ok->header("Date") == "Tue, 14 Nov 2023 22:13:20 GMT");

  const auto bound = f.bindings_of("1001");
  REQUIRE(bound.size() == 1);
  CHECK(bound[0].aor == "sip:1001@pbx.test");
  CHECK(bound[0].device_id == "dev-1001");
  CHECK(bound[0].expires_at == f.host.now_unix() + 3600);
  CHECK(bound[0].source_addr == "192.0.2.10");
  CHECK(bound[0].source_port == 5062);
  CHECK(bound[0].flow == 11);
  CHECK(bound[0].transport == LS_TRANSPORT_UDP);
  CHECK(bound[0].user_agent == "TestPhone/1.0");

  const auto events = f.events_of(LS_REG_BOUND);
  REQUIRE(events.size() == 1);
  CHECK(events[0].contact_uri == "sip:1001@192.0.2.10:5062");
  CHECK(events[0].expires_at == f.host.now_unix() + 3600);
  CHECK(f.host.counter("registers") == 1);
  CHECK(f.host.gauge("bindings") == 1);
  CHECK(f.stored_count() == 1);
}

TEST_CASE("a refresh with a higher CSeq extends the binding and emits REFRESHED") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto first = f.make_register("1001", 1);
  first->add_contact("sip:1001@192.0.2.10:5062").expires = 600;
  REQUIRE(f.send(*first) == 200);
  f.host.advance(100'000);
  auto refresh = f.make_register("1001", 2);
  refresh->add_contact("sip:1001@192.0.2.10:5062").expires = 600;
  REQUIRE(f.send(*refresh) == 200);
  const auto bound = f.bindings_of("1001");
  REQUIRE(bound.size() == 1);
  CHECK(bound[0].expires_at == f.host.now_unix() + 600);
  CHECK(bound[0].cseq == 2);
  CHECK(f.events_of(LS_REG_REFRESHED).size() == 1);
  CHECK(f.events_of(LS_REG_BOUND).size() == 1);
}

TEST_CASE("expires=0 removes one contact; Contact * with Expires: 0 removes them all") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto reg = f.make_register("1001", 1);
  reg->add_contact("sip:1001@192.0.2.10:5062");
  reg->add_contact("sip:1001@192.0.2.11:5062");
  REQUIRE(f.send(*reg) == 200);
  REQUIRE(f.bindings_of("1001").size() == 2);

  SUBCASE("one contact") {
    auto remove = f.make_register("1001", 2);
    remove->add_contact("sip:1001@192.0.2.10:5062").expires = 0;
    REQUIRE(f.send(*remove) == 200);
    CHECK(f.contacts_of(*remove->final_response()) ==
          std::vector<std::string>{"<sip:1001@192.0.2.11:5062>;expires=3600"});
    CHECK(f.bindings_of("1001").size() == 1);
    CHECK(f.events_of(LS_REG_REMOVED).size() == 1);
    CHECK(f.host.counter("unregisters") == 1);
    CHECK(f.stored_count() == 1);
  }
  SUBCASE("star") {
    auto star = f.make_register("1001", 2);
    star->add_star_contact();
    star->add_header("Expires", "0");
    REQUIRE(f.send(*star) == 200);
    CHECK(f.contacts_of(*star->final_response()).empty());
    CHECK(f.bindings_of("1001").empty());
    CHECK(f.events_of(LS_REG_REMOVED).size() == 2);
    CHECK(f.stored_count() == 0);
    CHECK(f.host.gauge("bindings") == 0);
  }
  SUBCASE("star with another contact, a non-zero Expires or no Expires is a 400") {
    auto with_contact = f.make_register("1001", 2);
    with_contact->add_star_contact();
    with_contact->add_contact("sip:1001@192.0.2.12");
    with_contact->add_header("Expires", "0");
    CHECK(f.send(*with_contact) == 400);
    auto nonzero = f.make_register("1001", 3);
    nonzero->add_star_contact();
    nonzero->add_header("Expires", "60");
    CHECK(f.send(*nonzero) == 400);
    auto missing = f.make_register("1001", 4);
    missing->add_star_contact();
    CHECK(f.send(*missing) == 400);
    CHECK(f.bindings_of("1001").size() == 2);
    CHECK(f.host.counter("rejected") == 3);
  }
}

TEST_CASE("expiry: too brief is 423 with Min-Expires, too long is clamped, Expires and default apply") {
  RegistrarFixture f;
  REQUIRE(f.load());
  SUBCASE("423") {
    auto brief = f.make_register("1001");
    brief->add_contact("sip:1001@192.0.2.10").expires = 30;
    CHECK(f.send(*brief) == 423);
    CHECK(brief->final_response()->reason == "Interval Too Brief");
    CHECK(brief->final_response()->header("Min-Expires") == "60");
    CHECK(f.bindings_of("1001").empty());
    CHECK(f.host.store_writes() == 0);
  }
  SUBCASE("one brief contact refuses the whole request") {
    auto mixed = f.make_register("1001");
    mixed->add_contact("sip:1001@192.0.2.10").expires = 600;
    mixed->add_contact("sip:1001@192.0.2.11").expires = 59;
    CHECK(f.send(*mixed) == 423);
    CHECK(f.bindings_of("1001").empty());
  }
  SUBCASE("clamped to max_expires") {
    auto longer = f.make_register("1001");
    longer->add_contact("sip:1001@192.0.2.10").expires = 100000;
    REQUIRE(f.send(*longer) == 200);
    CHECK(f.contacts_of(*longer->final_response()) ==
          std::vector<std::string>{"<sip:1001@192.0.2.10>;expires=7200"});
  }
  SUBCASE("the Expires header when the contact has no expires parameter") {
    auto header = f.make_register("1001");
    header->add_contact("sip:1001@192.0.2.10");
    header->add_contact("sip:1001@192.0.2.11").expires = 900;
    header->add_header("Expires", "120");
    REQUIRE(f.send(*header) == 200);
    const auto bound = f.bindings_of("1001");
    REQUIRE(bound.size() == 2);
    for (const auto &b : bound)
      CHECK(b.expires_at - f.host.now_unix() == (b.contact_uri == "sip:1001@192.0.2.10" ? 120 : 900));
  }
  SUBCASE("a malformed Expires header is a 400") {
    auto bad = f.make_register("1001");
    bad->add_contact("sip:1001@192.0.2.10");
    bad->add_header("Expires", "soon");
    CHECK(f.send(*bad) == 400);
  }
}

TEST_CASE("a query REGISTER answers the current bindings at once and writes nothing") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto reg = f.make_register("1001");
  reg->add_contact("sip:1001@192.0.2.10").expires = 600;
  REQUIRE(f.send(*reg) == 200);
  const uint64_t writes = f.host.store_writes();
  f.host.advance(10'000);
  auto query = f.make_register("1001", 2);
  CHECK(f.host.dispatch(LS_HOOK_REQUEST, *query) == LS_VERDICT_STOP);
  CHECK(query->status() == 200);
  CHECK(f.contacts_of(*query->final_response()) ==
        std::vector<std::string>{"<sip:1001@192.0.2.10>;expires=590"});
  CHECK(f.host.store_writes() == writes);
}

TEST_CASE("Path is stored and echoed only when the phone supports path; q and instance are listed") {
  RegistrarFixture f;
  REQUIRE(f.load());
  auto reg = f.make_register("1001");
  auto &contact = reg->add_contact("sip:1001@10.0.0.5:5060");
  contact.q_milli = 500;
  contact.instance = "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"";
  contact.reg_id = "1";
  reg->add_header("Path", "<sip:edge1.pbx.test;lr>");
  reg->add_header("Path", "<sip:edge2.pbx.test;lr>");
  SUBCASE("Supported: path") {
    reg->add_header("Supported", "outbound, path");
    REQUIRE(f.send(*reg) == 200);
    std::vector<std::string> paths;
    for (const auto &[name, value] : reg->final_response()->headers)
      if (name == "Path") paths.push_back(value);
    CHECK(paths == std::vector<std::string>{"<sip:edge1.pbx.test;lr>", "<sip:edge2.pbx.test;lr>"});
  }
  SUBCASE("no Supported: path") {
    REQUIRE(f.send(*reg) == 200);
    CHECK_FALSE(reg->final_response()->header("Path"));
  }
  CHECK(f.contacts_of(*reg->final_response()) ==
        std::vector<std::string>{"<sip:1001@10.0.0.5:5060>;expires=3600;q=0.5;+sip.instance=\"<urn:uuid:"
                                 "00000000-0000-1000-8000-000A95A0E128>\";reg-id=1"});
  CHECK(f.bindings_of("1001")[0].path == "<sip:edge1.pbx.test;lr>, <sip:edge2.pbx.test;lr>");
}
