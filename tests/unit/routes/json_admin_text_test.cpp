// tests/unit/routes/json_admin_text_test.cpp: the shared JSON reader, quoting, URL helpers and
// route JSON (both ways, with type errors and unknown keys).
#include <doctest/doctest.h>

#include "admin_text.hpp"
#include "json_value.hpp"
#include "route_json.hpp"

using namespace lineside;

TEST_CASE("the JSON reader takes RFC 8259 documents and says where others break") {
  auto r = json::parse(
      R"( {"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\ud83d\ude00\n", "a": 3} )");
  REQUIRE(r.value);
  CHECK(r.value->is_object());
  CHECK(r.value->find("a")->integer() == 3);  // a repeated key: the last one
  CHECK(r.value->members[0].second.items[1].text == "-2.5e3");
  CHECK_FALSE(r.value->members[0].second.items[1].integer());
  CHECK(r.value->find("b")->text == "x\xc3\xa9\xf0\x9f\x98\x80\n");
  for (const char *bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "01", "1.", "\"a",
                          "[1] 2", "\"\\ud800\"", "\"\x01\"", "\"\xff\""}) {
    const auto p = json::parse(bad);
    CHECK_MESSAGE(!p.value, bad);
    CHECK(p.error.find("at byte") == 0);
  }
  std::string deep(40, '[');
  CHECK(json::parse(deep + std::string(40, ']')).error.find("nested too deeply") !=
        std::string::npos);
}

TEST_CASE("quote() escapes and keeps output valid UTF-8") {
  CHECK(json::quote("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(json::quote("\xff") == "\"\\ufffd\"");
  CHECK(json::parse(json::quote("caf\xc3\xa9")).value->text == "caf\xc3\xa9");
}

TEST_CASE("resource names, query parameters and refusals") {
  using admin_text::resource_name;
  CHECK(resource_name("/api/v1/cesid", "/api/v1/cesid") == "");
  CHECK(resource_name("/api/v1/cesid/", "/api/v1/cesid") == "");
  CHECK(resource_name("/api/v1/cesid/1001", "/api/v1/cesid") == "1001");
  CHECK(resource_name("/api/v1/cesid/%2A82", "/api/v1/cesid") == "*82");
  CHECK_FALSE(resource_name("/api/v1/cesidx", "/api/v1/cesid"));
  CHECK_FALSE(resource_name("/api/v1/cesid/a/b", "/api/v1/cesid"));
  CHECK_FALSE(resource_name("/api/v1/cesid/%zz", "/api/v1/cesid"));
  CHECK(admin_text::query_parameter("x=1&dialled=9%2B1+2", "dialled") == "9+1 2");
  CHECK_FALSE(admin_text::query_parameter("x=1", "dialled"));
  CHECK_FALSE(admin_text::percent_decode("%4", false));
  CHECK(
      admin_text::refusal_json("no", {{"cesid", "format", "expected 7 to 12 digits"}}) ==
      R"({"error":"no","errors":[{"field":"cesid","rule":"format","message":"expected 7 to 12 digits"}]})");
}

TEST_CASE("route JSON reads what it writes, and names wrong types and unknown keys") {
  routes::RouteSpec s;
  s.name = "pstn";
  s.patterns = {"_9.", "911"};
  s.strip = 1;
  s.caller_id = routes::CallerIdPolicy::did;
  s.did_prefix = "613555";
  s.send_pai = false;
  s.gateways = {{"sip:gw1", 2, "a"}, {"sip:gw2", 0, ""}};
  std::vector<admin_text::FieldError> errors;
  const auto back =
      routes::spec_from_json(*json::parse(routes::spec_json(s)).value, "pstn", errors);
  REQUIRE(back);
  CHECK(errors.empty());
  CHECK(routes::spec_json(*back) == routes::spec_json(s));

  const auto bad = json::parse(R"({"name":"other","patterns":"_9.","strip":"1","type":"toll",
      "send_pai":1,"gateways":["sip:gw",{"uri":"sip:x","colour":"red"},5],"bogus":true})");
  CHECK_FALSE(routes::spec_from_json(*bad.value, "pstn", errors));
  std::vector<std::string> fields;
  for (const auto &e : errors) fields.push_back(e.field + "/" + e.rule);
  CHECK(fields == std::vector<std::string>{"name/mismatch", "strip/type", "type/enum",
                                           "send_pai/type", "gateways[1].colour/unknown",
                                           "gateways[2]/type", "bogus/unknown"});
}
