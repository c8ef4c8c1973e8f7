// tests/unit/kpml/documents_test.cpp: KPML documents, patterns, Event headers and JSON members.
#include <doctest/doctest.h>

#include "contact_choice.hpp"
#include "event_header.hpp"
#include "json_fields.hpp"
#include "kpml_pattern.hpp"
#include "kpml_test_support.hpp"
#include "kpml_xml.hpp"

using namespace lineside::kpml;

TEST_CASE("a kpml-request carries the escaped pattern and reads back") {
  const std::string doc = build_kpml_request("[x*#]{4}", "c1");
  CHECK(doc.find("<regex tag=\"c1\">[x*#]{4}</regex>") != std::string::npos);
  CHECK(doc.find("persist=\"one-shot\"") != std::string::npos);
  auto back = parse_kpml_request(doc);
  REQUIRE(back);
  CHECK(back->pattern == "[x*#]{4}");
  CHECK(back->tag == "c1");
  CHECK(build_kpml_request("<&>", "").find("&lt;&amp;&gt;") != std::string::npos);
}

TEST_CASE("a kpml-request with a prefix, single quotes and entities is read") {
  auto r = parse_kpml_request(
      "<k:kpml-request xmlns:k='urn:ietf:params:xml:ns:kpml-request' version='1.0'>"
      "<k:pattern><k:regex tag='a&amp;b'> x{3} </k:regex></k:pattern></k:kpml-request>");
  REQUIRE(r);
  CHECK(r->pattern == "x{3}");
  CHECK(r->tag == "a&b");
}

TEST_CASE("hostile or foreign documents are refused") {
  CHECK_FALSE(parse_kpml_request(
      "<!DOCTYPE x [<!ENTITY e "
      "'boom'>]><kpml-request><pattern><regex>&e;</regex></pattern></kpml-request>"));
  CHECK_FALSE(
      parse_kpml_request("<kpml-request><pattern><regex>&e;</regex></pattern></kpml-request>"));
  CHECK_FALSE(parse_kpml_request("<kpml-request><pattern></pattern></kpml-request>"));
  CHECK_FALSE(parse_kpml_request("<other/>"));
  CHECK_FALSE(
      parse_kpml_request(std::string(9000, ' ') + "<kpml-request><regex>1</regex></kpml-request>"));
  CHECK_FALSE(parse_kpml_report("<kpml-response code=\"2000\"/>"));
  CHECK_FALSE(parse_kpml_report("<kpml-response code=\"abc\"/>"));
  CHECK_FALSE(parse_kpml_report("<kpml-response text=\"x\"/>"));
  CHECK_FALSE(parse_kpml_report("<kpml-response code=\"200/>"));
}

TEST_CASE("a kpml-response is built and read with its code, digits and text") {
  KpmlReport r{200, "Success", "12#", "t<1>"};
  const std::string doc = build_kpml_response(r);
  CHECK(doc.find("code=\"200\"") != std::string::npos);
  CHECK(doc.find("tag=\"t&lt;1&gt;\"") != std::string::npos);
  auto back = parse_kpml_report(doc);
  REQUIRE(back);
  CHECK(back->code == 200);
  CHECK(back->digits == "12#");
  CHECK(back->text == "Success");
  CHECK(back->tag == "t<1>");
  CHECK(build_kpml_response(KpmlReport{423, "Timer Expired", "", ""}).find("digits") ==
        std::string::npos);
}

TEST_CASE("patterns outside the KPML alphabet or unbalanced are refused") {
  CHECK(pattern_problem("x{4}#").empty());
  CHECK(pattern_problem("[0-9*#]{1,8}|A").empty());
  CHECK(pattern_problem("").size());
  CHECK(pattern_problem("12</regex><x>").size());
  CHECK(pattern_problem("x{4").size());
  CHECK(pattern_problem("x}4{").size());
  CHECK(pattern_problem("[[1]]").size());
  CHECK(pattern_problem(std::string(129, '1')).size());
  CHECK(pattern_problem("1\r\n2").size());
}

TEST_CASE("Event and Subscription-State values are read; a kpml Event names its dialog") {
  auto e = parse_event("KPML ; call-id=\"a;b@h\" ;local-tag=x;remote-tag=y");
  REQUIRE(e);
  CHECK(e->package == "kpml");
  CHECK(e->params["call-id"] == "a;b@h");
  CHECK(e->params["local-tag"] == "x");
  CHECK_FALSE(parse_event("<bad>"));
  auto s = parse_subscription_state("Terminated;reason=Timeout;retry-after=5");
  CHECK(s.state == "terminated");
  CHECK(s.reason == "timeout");
  CHECK(kpml_event_value("", "", "") == "kpml");
  CHECK(kpml_event_value("c@h", "l", "r") == "kpml;call-id=\"c@h\";local-tag=l;remote-tag=r");
}

TEST_CASE("flat JSON objects are read; nested, duplicate or trailing text is refused") {
  std::string error;
  auto o = parse_flat_object(R"({"dn":"1002","timeout_ms":5000,"x":true,"n":null,"e":"a\"\u0041"})",
                             error);
  REQUIRE(o);
  CHECK((*o)["dn"].text == "1002");
  CHECK((*o)["timeout_ms"].kind == JsonScalar::Kind::number);
  CHECK((*o)["e"].text == "a\"A");
  CHECK_FALSE(parse_flat_object(R"({"a":{"b":1}})", error));
  CHECK_FALSE(parse_flat_object(R"({"a":1,"a":2})", error));
  CHECK_FALSE(parse_flat_object(R"({"a":1} x)", error));
  CHECK_FALSE(parse_flat_object(R"({"a":"\u00e9"})", error));
  CHECK_FALSE(parse_flat_object(R"([1])", error));
  CHECK(parse_flat_object("{}", error));
  CHECK(json_string("a\"b\n") == "\"a\\\"b\\u000a\"");
}

TEST_CASE("the contact chosen is the device's live binding that expires last") {
  test::FakeLocation loc;
  loc.entries.push_back({"1002", "dev-1002", "sip:a@h", LS_TRANSPORT_UDP, 0, 100});
  loc.entries.push_back(
      {"1002", "dev-1002", "sip:b@h", LS_TRANSPORT_TCP, 9, 300, true});  // awaiting reconnect
  loc.entries.push_back({"1002", "dev-1002", "sip:c@h", LS_TRANSPORT_TLS, 7, 200});
  loc.entries.push_back({"1003", "dev-1003", "sip:d@h", LS_TRANSPORT_UDP, 0, 900});
  auto c = choose_contact(loc.table(), &loc, "dev-1002");
  REQUIRE(c);
  CHECK(c->contact_uri == "sip:c@h");
  CHECK(c->flow == 7);
  CHECK_FALSE(choose_contact(loc.table(), &loc, "dev-9999"));
}
