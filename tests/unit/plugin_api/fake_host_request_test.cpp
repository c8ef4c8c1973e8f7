// fake_host_request_test.cpp: FakeRequest as a module reads it (fields, headers, contacts, peer,
// body, attributes) and the response rules the fake host enforces.
#include <doctest/doctest.h>

#include <string>

#include "lineside/testing/fake_host.hpp"

using namespace lineside::testing;

namespace {
/// A field as std::string, "<null>" for NULL.
std::string field(FakeRequest &req, uint32_t id) {
  const char *v = FakeHost::table()->request_field(req.handle(), id);
  return v ? v : "<null>";
}
/// A header as std::string, "<null>" for NULL.
std::string header(FakeRequest &req, const char *name, uint32_t index = 0) {
  const char *v = FakeHost::table()->request_header(req.handle(), name, index);
  return v ? v : "<null>";
}
/// Send a response with just a status.
int respond(FakeRequest &req, uint32_t status) {
  ls_response_t r{};
  r.size = sizeof r;
  r.status = status;
  return FakeHost::table()->respond(req.handle(), &r);
}
}  // namespace

TEST_CASE("fields come from the request, user and host parts derived from the URIs") {
  FakeRequest req("INVITE", "sip:2000@pbx.test:5060;user=phone");
  req.from_uri = "sips:1001:secret@pbx.test";
  req.from_display = "Alice";
  req.to_uri = "sip:[::1]:5070";
  req.cseq = 42;
  req.user_agent = "Phone/1.0";
  CHECK(field(req, LS_FIELD_METHOD) == "INVITE");
  CHECK(field(req, LS_FIELD_REQUEST_URI) == "sip:2000@pbx.test:5060;user=phone");
  CHECK(field(req, LS_FIELD_REQUEST_URI_USER) == "2000");
  CHECK(field(req, LS_FIELD_REQUEST_URI_HOST) == "pbx.test");
  CHECK(field(req, LS_FIELD_FROM_USER) == "1001");
  CHECK(field(req, LS_FIELD_FROM_TAG) == "ftag1");
  CHECK(field(req, LS_FIELD_FROM_DISPLAY) == "Alice");
  CHECK(field(req, LS_FIELD_TO_USER) == "<null>");
  CHECK(field(req, LS_FIELD_TO_HOST) == "[::1]");
  CHECK(field(req, LS_FIELD_TO_TAG) == "<null>");
  CHECK(field(req, LS_FIELD_CALL_ID) == "call-1@test");
  CHECK(field(req, LS_FIELD_CSEQ) == "42");
  CHECK(field(req, LS_FIELD_USER_AGENT) == "Phone/1.0");
  CHECK(field(req, 999) == "<null>");
  req.request_uri_user = "override";
  CHECK(field(req, LS_FIELD_REQUEST_URI_USER) == "override");
}

TEST_CASE("headers are read by case-insensitive name, compact form and index") {
  FakeRequest req("REGISTER", "sip:pbx.test");
  req.add_header("Via", "SIP/2.0/UDP a").add_header("v", "SIP/2.0/UDP b").add_header("X-Thing", "1");
  CHECK(header(req, "via", 0) == "SIP/2.0/UDP a");
  CHECK(header(req, "VIA", 1) == "SIP/2.0/UDP b");
  CHECK(header(req, "v", 1) == "SIP/2.0/UDP b");
  CHECK(header(req, "Via", 2) == "<null>");
  CHECK(header(req, "x-thing") == "1");
  CHECK(header(req, "X-Absent") == "<null>");
  REQUIRE(req.header_list().size() == 3);
  CHECK(req.header_list()[1].first == "v");
}

TEST_CASE("standard headers are synthesised from the fields unless added explicitly") {
  FakeRequest req("SUBSCRIBE", "sip:1001@pbx.test");
  req.from_display = "Bob";
  req.to_tag = "tt";
  req.cseq = 7;
  req.add_contact("sip:1001@192.0.2.5:5062").params = ";expires=60";
  CHECK(header(req, "i") == "call-1@test");
  CHECK(header(req, "CSeq") == "7 SUBSCRIBE");
  CHECK(header(req, "From") == "\"Bob\" <sip:1001@pbx.test>;tag=ftag1");
  CHECK(header(req, "t") == "<sip:1001@pbx.test>;tag=tt");
  CHECK(header(req, "m") == "<sip:1001@192.0.2.5:5062>;expires=60");
  CHECK(header(req, "Contact", 1) == "<null>");
  CHECK(header(req, "User-Agent") == "<null>");
  req.add_header("Call-ID", "explicit");
  CHECK(header(req, "Call-ID") == "explicit");
}

TEST_CASE("contacts, peer and body are copied into the caller's structs") {
  FakeRequest req("REGISTER", "sip:pbx.test");
  FakeContact &c = req.add_contact("sip:1001@192.0.2.5:5062;transport=tcp");
  c.display = "Desk";
  c.expires = 3600;
  c.q_milli = 500;
  c.instance = "<urn:uuid:1>";
  c.reg_id = "1";
  c.params = ";expires=3600;q=0.5";
  req.add_star_contact();
  req.peer = FakePeer{LS_TRANSPORT_TLS, "2001:db8::1", 5061, true, 99};
  req.set_body("application/sdp", "v=0\r\n");
  const ls_host_t *h = FakeHost::table();

  REQUIRE(h->request_contact_count(req.handle()) == 2);
  ls_contact_t out{};
  out.size = sizeof out;
  REQUIRE(h->request_contact(req.handle(), 0, &out) == 0);
  CHECK(out.size == sizeof out);
  CHECK(std::string(out.uri) == "sip:1001@192.0.2.5:5062;transport=tcp");
  CHECK(std::string(out.display) == "Desk");
  CHECK(out.expires == 3600);
  CHECK(out.q_milli == 500);
  CHECK(std::string(out.instance) == "<urn:uuid:1>");
  CHECK(std::string(out.reg_id) == "1");
  CHECK(std::string(out.params) == ";expires=3600;q=0.5");
  CHECK(out.is_star == 0);
  REQUIRE(h->request_contact(req.handle(), 1, &out) == 0);
  CHECK(out.is_star == 1);
  CHECK(std::string(out.uri) == "*");
  CHECK(out.display == nullptr);
  CHECK(out.expires == -1);
  CHECK(h->request_contact(req.handle(), 2, &out) == -1);

  // A caller built against a smaller struct gets only what fits.
  ls_contact_t small{};
  small.size = static_cast<uint32_t>(offsetof(ls_contact_t, expires));
  small.expires = 12345;
  REQUIRE(h->request_contact(req.handle(), 0, &small) == 0);
  CHECK(small.expires == 12345);
  CHECK(std::string(small.uri) == "sip:1001@192.0.2.5:5062;transport=tcp");

  ls_peer_t p{};
  p.size = sizeof p;
  REQUIRE(h->request_peer(req.handle(), &p) == 0);
  CHECK(p.transport == LS_TRANSPORT_TLS);
  CHECK(std::string(p.addr) == "2001:db8::1");
  CHECK(p.port == 5061);
  CHECK(p.secure == 1);
  CHECK(p.flow == 99);

  const char *data = nullptr;
  size_t len = 0;
  const char *type = nullptr;
  REQUIRE(h->request_body(req.handle(), &data, &len, &type) == 0);
  CHECK(std::string(data, len) == "v=0\r\n");
  CHECK(std::string(type) == "application/sdp");
  FakeRequest empty;
  REQUIRE(h->request_body(empty.handle(), &data, &len, &type) == 0);
  CHECK(data == nullptr);
  CHECK(len == 0);
  CHECK(type == nullptr);
}

TEST_CASE("attributes set by one hook are visible to the next") {
  FakeRequest req;
  const ls_host_t *h = FakeHost::table();
  CHECK(h->request_get_attr(req.handle(), "auth.user") == nullptr);
  CHECK(h->request_set_attr(req.handle(), "auth.user", "1001") == 0);
  CHECK(std::string(h->request_get_attr(req.handle(), "auth.user")) == "1001");
  CHECK(h->request_set_attr(req.handle(), "auth.user", nullptr) == -1);
  CHECK(req.attributes.at("auth.user") == "1001");
}

TEST_CASE("responses: provisional then final, nothing after the final, malformed refused") {
  FakeRequest req("INVITE", "sip:2000@pbx.test");
  CHECK(respond(req, 99) == -1);
  CHECK(respond(req, 700) == -1);
  CHECK(respond(req, 100) == 0);
  CHECK(req.final_response() == nullptr);
  CHECK(req.status() == 0);

  const ls_header_t hdrs[] = {{"WWW-Authenticate", "Digest realm=\"pbx.test\""}, {"X-A", "1"}};
  const std::string body = "{\"x\":1}";
  ls_response_t r{};
  r.size = sizeof r;
  r.status = 401;
  r.reason = "Unauthorized";
  r.headers = hdrs;
  r.header_count = 2;
  r.content_type = "application/json";
  r.body = body.data();
  r.body_len = body.size();
  CHECK(FakeHost::table()->respond(req.handle(), &r) == 0);
  CHECK(respond(req, 200) == -1);
  CHECK(respond(req, 0) == -1);
  REQUIRE(req.responses.size() == 2);
  const FakeResponse &f = req.responses[1];
  CHECK(req.status() == 401);
  CHECK(f.reason == "Unauthorized");
  CHECK(f.headers.size() == 2);
  CHECK(f.header("www-authenticate") == std::optional<std::string>("Digest realm=\"pbx.test\""));
  CHECK(f.content_type == std::optional<std::string>("application/json"));
  CHECK(f.body == body);
  CHECK_FALSE(req.dropped);

  ls_response_t bad{};
  bad.size = sizeof bad;
  bad.status = 200;
  bad.header_count = 1;
  FakeRequest other;
  CHECK(FakeHost::table()->respond(other.handle(), &bad) == -1);
  bad.size = 8;
  bad.header_count = 0;
  CHECK(FakeHost::table()->respond(other.handle(), &bad) == -1);
  CHECK(other.responses.empty());
}

TEST_CASE("status 0 records a silent drop that counts as final") {
  FakeRequest req("REGISTER", "sip:pbx.test");
  CHECK(respond(req, 0) == 0);
  CHECK(req.dropped);
  REQUIRE(req.final_response() != nullptr);
  CHECK(req.final_response()->status == 0);
  CHECK(respond(req, 403) == -1);
}

TEST_CASE("a request suspended outside dispatch gets no token") {
  FakeRequest req;
  CHECK(FakeHost::table()->request_suspend(req.handle()) == 0);
}

TEST_CASE("a request that dies before its host releases its tokens, and the reverse is safe") {
  auto host = std::make_unique<FakeHost>();
  auto req = std::make_unique<FakeRequest>();
  {
    FakeRequest gone;
    host->adopt(gone);
    const ls_token_t t = FakeHost::table()->request_suspend(gone.handle());
    CHECK(t != 0);
    CHECK(FakeHost::table()->request_from_token(host->ctx(), t) == gone.handle());
  }
  CHECK(host->suspended_count() == 0);
  host->adopt(*req);
  CHECK(FakeHost::table()->request_suspend(req->handle()) != 0);
  host.reset();
  req.reset();  // must not touch the destroyed host
}
