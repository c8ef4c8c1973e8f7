// tests/unit/mwi/json_test.cpp: JSON escaping, the flat object parser and PUT body validation.
#include <doctest/doctest.h>

#include "admin_documents.hpp"
#include "json_text.hpp"

using namespace lineside::mwi;

TEST_CASE("JSON strings are escaped and always valid") {
  CHECK(json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(json_string(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(json_string("\xff") == "\"\\ufffd\"");
  CHECK(json_string("\xc3\xa9") == "\"\xc3\xa9\"");
}

TEST_CASE("flat objects parse; malformed JSON is refused with a reason") {
  auto r = parse_json_object(
      R"( {"new": 3, "old":0, "s":"x\u0041", "b":true, "n":null, "o":{"a":[1,2]}, "f":1.5} )");
  REQUIRE(r.ok());
  CHECK(r.members.at("new").integer == 3);
  CHECK(r.members.at("s").text == "xA");
  CHECK(r.members.at("b").kind == JsonScalar::Kind::boolean);
  CHECK(r.members.at("n").kind == JsonScalar::Kind::null);
  CHECK(r.members.at("o").kind == JsonScalar::Kind::composite);
  CHECK_FALSE(r.members.at("f").integer);
  for (const char *bad :
       {"", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":1,\"a\":2}", "{a:1}",
        "{\"a\":01}", "{\"a\":tru}", "{\"a\":\"\x01\"}"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_json_object(bad).ok());
  }
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK_FALSE(parse_json_object(deep).ok());
}

TEST_CASE("PUT bodies: counts accepted, every problem named by field") {
  auto ok = read_counts_body(R"({"new":2,"old":5,"urgent_new":1})");
  CHECK(ok.status == 0);
  CHECK(ok.counts == MailboxCounts{2, 5, 1, 0});

  auto missing = read_counts_body(R"({"old":1})");
  CHECK(missing.status == 400);
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].field == "new");
  CHECK(missing.errors[0].rule == "required");

  auto wrong = read_counts_body(R"({"new":"2","old":-1,"urgent_old":1.5,"colour":"red"})");
  CHECK(wrong.status == 400);
  std::vector<std::string> fields;
  for (const auto &e : wrong.errors) fields.push_back(e.field + ":" + e.rule);
  CHECK(fields ==
        std::vector<std::string>{"colour:unknown", "new:type", "old:range", "urgent_old:type"});

  CHECK(read_counts_body(R"({"new":1000000,"old":0})").errors.at(0).rule == "range");
  CHECK(read_counts_body("not json").errors.at(0).field == "body");

  auto rule = read_counts_body(R"({"new":1,"old":0,"urgent_new":2,"urgent_old":1})");
  CHECK(rule.status == 422);
  REQUIRE(rule.errors.size() == 2);
  CHECK(rule.errors[0].field == "urgent_new");
  CHECK(rule.errors[1].field == "urgent_old");
}

TEST_CASE("refusal and state documents") {
  CHECK(
      refusal_json("bad", {{"new", "type", "expected an integer"}}) ==
      R"({"error":"bad","errors":[{"field":"new","rule":"type","message":"expected an integer"}]})");
  CHECK(
      mailbox_json("7001", MailboxRecord{{1, 2, 0, 1}, 5}, "pbx.test") ==
      R"({"mailbox":"7001","message_account":"sip:7001@pbx.test","messages_waiting":true,"new":1,"old":2,)"
      R"("urgent_new":0,"urgent_old":1,"updated_at":5})");
  CHECK(percent_decode("%2A97%23") == "*97#");
  CHECK_FALSE(percent_decode("%2"));
  CHECK_FALSE(percent_decode("%zz"));
}
