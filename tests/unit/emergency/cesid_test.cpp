// tests/unit/emergency/cesid_test.cpp: CESID and DN rules, the lookup order, the store codec, and
// CESID files (CSV and JSON) with their errors.
#include <doctest/doctest.h>

#include "cesid_import.hpp"
#include "cesid_rules.hpp"
#include "cesid_table.hpp"

using namespace lineside::emergency;

TEST_CASE("a CESID has 7 to 12 digits; 6, 13 and letters are refused with the rule") {
  CHECK_FALSE(cesid_problem("6135550", "cesid"));
  CHECK_FALSE(cesid_problem("613555010012", "cesid"));
  const auto six = cesid_problem("613555", "cesid");
  REQUIRE(six);
  CHECK(six->field == "cesid");
  CHECK(six->rule == "format");
  CHECK(six->message == "expected 7 to 12 digits, got 6 digits");
  CHECK(cesid_problem("6135550100123", "x")->message == "expected 7 to 12 digits, got 13 digits");
  CHECK(cesid_problem("613555ABCD", "x")->message.find("0-9 only") != std::string::npos);
  CHECK(cesid_problem("+16135550100", "x"));
  CHECK(cesid_problem("", "x")->rule == "required");
  CHECK_FALSE(dn_problem("1001", "dn"));
  CHECK_FALSE(dn_problem("*82#", "dn"));
  CHECK(dn_problem("10 01", "dn"));
  CHECK(dn_problem(std::string(21, '1'), "dn"));
  CHECK(dialable_number("+911"));
  CHECK_FALSE(dialable_number("91a"));
}

TEST_CASE("lookup order: table entry of the DN, then the device's CESID, then the default") {
  CesidTable t;
  t.put("1001", {"6135550101", false});
  CHECK(resolve_cesid(t, "1001", "6135550999", "6135550000").cesid == "6135550101");
  CHECK(resolve_cesid(t, "1001", "", "").source == CesidSource::table);
  const auto device = resolve_cesid(t, "1002", "6135550102", "6135550000");
  CHECK(device.cesid == "6135550102");
  CHECK(device.source == CesidSource::device);
  const auto fallback = resolve_cesid(t, "1002", "", "6135550000");
  CHECK(fallback.cesid == "6135550000");
  CHECK(std::string(cesid_source_name(fallback.source)) == "default");
  CHECK(resolve_cesid(t, "1002", "123", "bad").source == CesidSource::none);
  CHECK(resolve_cesid(t, "", "", "6135550000").source == CesidSource::system_default);
}

TEST_CASE("store records round-trip; broken ones are not entries") {
  const CesidEntry e{"6135550101", true};
  CHECK(decode_entry(encode_entry(e)) == e);
  CHECK_FALSE(decode_entry("{\"cesid\":\"12\"}"));
  CHECK_FALSE(decode_entry("garbage"));
  CHECK(decode_entry("{\"cesid\":\"6135550101\"}")->privacy == false);
}

TEST_CASE("CSV files: header, comments, privacy column, CRLF") {
  const auto r = read_cesid_import(
      "dn,cesid,privacy\r\n# ground floor\r\n1001, 6135550101\r\n\r\n"
      "1002,\"6135550102\",yes\r\n*8#,61355501030\n");
  CHECK(r.format == "csv");
  REQUIRE(r.errors.empty());
  REQUIRE(r.entries.size() == 3);
  CHECK(r.entries[0] == std::make_pair(std::string("1001"), CesidEntry{"6135550101", false}));
  CHECK(r.entries[1].second.privacy);
  CHECK(r.entries[2].first == "*8#");
}

TEST_CASE("CSV errors name the line and the field; nothing is taken from a file with errors") {
  const auto r = read_cesid_import(
      "1001,613555\n1002,6135550100123\n1003,613555ABCD\n1004\n"
      "1005,6135550105,maybe\n1001,6135550101\n1006,6135550106\n1006,6135550107\n");
  std::vector<std::string> got;
  for (const auto &e : r.errors) got.push_back(e.field + "/" + e.rule);
  CHECK(got == std::vector<std::string>{"line 1: cesid/format", "line 2: cesid/format",
                                        "line 3: cesid/format", "line 4: line/format",
                                        "line 5: privacy/format", "line 8: dn/duplicate"});
  CHECK(r.errors[5].message.find("line 7") != std::string::npos);
  CHECK(read_cesid_import("  \n").errors.at(0).field == "body");
  CHECK(read_cesid_import("# only a comment\n").errors.at(0).message.find("no entries") !=
        std::string::npos);
}

TEST_CASE("JSON files: a list, or the object GET returns; type errors by index") {
  auto r = read_cesid_import(
      R"([{"dn":"1001","cesid":"6135550101"},{"dn":"1002","cesid":"6135550102","privacy":true}])");
  CHECK(r.format == "json");
  REQUIRE(r.errors.empty());
  CHECK(r.entries.size() == 2);
  r = read_cesid_import(
      R"({"default_cesid":"","entries":[{"dn":"1001","cesid":"6135550101","name":"x"}],"moves":[]})");
  REQUIRE(r.errors.empty());
  CHECK(r.entries.size() == 1);
  r = read_cesid_import(
      R"([{"dn":1001,"cesid":"6135550101"},{"dn":"1002","cesid":"61355"},"x",{"dn":"1003","cesid":"6135550103","privacy":"no"}])");
  std::vector<std::string> got;
  for (const auto &e : r.errors) got.push_back(e.field + "/" + e.rule);
  CHECK(got == std::vector<std::string>{"entries[0].dn/type", "entries[1].cesid/format",
                                        "entries[2]/type", "entries[3].privacy/type"});
  CHECK(read_cesid_import("{\"entries\":3}").errors.at(0).field == "entries");
  CHECK(read_cesid_import("[1,").errors.at(0).rule == "json");
}
