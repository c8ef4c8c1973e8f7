// CDR text: JSON lines and CSV with ISO-8601 timestamps, escaping and quoting.
#include "cdr_format.hpp"

#include <doctest/doctest.h>

#include "text_encoding.hpp"

namespace lineside::billing {
namespace {

CallRecord answered() {
  CallRecord c;
  c.call_id = 42;
  c.caller_device_id = "dev-1001";
  c.caller_dn = "1001";
  c.dialled = "1002";
  c.callee_device_id = "dev-1002";
  c.callee_dn = "1002";
  c.start_unix_ms = 1'709'647'629'250;   // 2024-03-05T14:07:09.250Z
  c.answer_unix_ms = 1'709'647'633'000;  // +3.75 s
  c.end_unix_ms = 1'709'647'698'999;     // +65.999 s after the answer
  c.status = 200;
  c.q850_cause = 16;
  c.reason = "caller hung up";
  c.ended_by = EndedBy::caller;
  return c;
}

TEST_CASE("ISO-8601 UTC with milliseconds") {
  CHECK(iso8601_utc(0) == "1970-01-01T00:00:00.000Z");
  CHECK(iso8601_utc(1'709'647'629'250) == "2024-03-05T14:07:09.250Z");
  CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("a JSON line holds every field with full timestamps") {
  CHECK(cdr_json_line(answered(), "000") ==
        "{\"call_id\":42,\"start\":\"2024-03-05T14:07:09.250Z\",\"answer\":\"2024-03-05T14:07:13."
        "000Z\","
        "\"end\":\"2024-03-05T14:08:18.999Z\",\"duration_s\":65,\"ring_s\":3,\"direction\":"
        "\"internal\","
        "\"caller_device_id\":\"dev-1001\",\"caller_dn\":\"1001\",\"dialled\":\"1002\","
        "\"callee_device_id\":\"dev-1002\",\"callee_dn\":\"1002\",\"trunk_name\":\"\",\"trunk_"
        "number\":0,"
        "\"status\":200,\"q850_cause\":16,\"reason\":\"caller hung up\",\"ended_by\":\"caller\","
        "\"completion\":\"I\",\"forwarded\":false,\"transferred\":false,\"third_party_dn\":\"\","
        "\"transferred_by_dn\":\"\",\"emergency\":false,\"system_id\":\"000\"}\n");
}

TEST_CASE("an unanswered outgoing call: null answer, ring time to the end, blank completion") {
  CallRecord c = answered();
  c.answer_unix_ms = 0;
  c.callee_device_id.clear();
  c.callee_dn.clear();
  c.status = 480;
  c.q850_cause = 19;
  c.trunk_name = "pstn \"main\"";
  c.trunk_number = 54;
  const std::string json = cdr_json_line(c, "042");
  CHECK(json.find("\"answer\":null,") != std::string::npos);
  CHECK(json.find("\"duration_s\":0,\"ring_s\":69,\"direction\":\"outgoing\"") !=
        std::string::npos);
  CHECK(json.find("\"trunk_name\":\"pstn \\\"main\\\"\",\"trunk_number\":54") != std::string::npos);
  CHECK(json.find("\"completion\":\"\"") != std::string::npos);
  CHECK(json.find("\"system_id\":\"042\"") != std::string::npos);
}

TEST_CASE("JSON strings escape control characters and replace invalid UTF-8") {
  CHECK(json_string("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(json_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(json_string("bad\xff") == "\"bad\\ufffd\"");
}

TEST_CASE("CSV: a header naming the JSON keys, one CR LF row per call, RFC 4180 quoting") {
  const std::string header = cdr_csv_header();
  CHECK(header.rfind("call_id,start,answer,end,duration_s,ring_s,direction,caller_device_id,", 0) ==
        0);
  CHECK(header.size() > 2);
  CHECK(header.substr(header.size() - 2) == "\r\n");
  CHECK(header.find("system_id\r\n") != std::string::npos);
  CallRecord c = answered();
  c.reason = "said \"no\", then left";
  c.dialled = "+15551234";
  const std::string row = cdr_csv_line(c, "000");
  CHECK(
      row.rfind(
          "42,2024-03-05T14:07:09.250Z,2024-03-05T14:07:13.000Z,2024-03-05T14:08:18.999Z,65,3,"
          "internal,dev-1001,1001,+15551234,dev-1002,1002,,0,200,16,\"said \"\"no\"\", then left\","
          "caller,I,false,false,,,false,000\r\n",
          0) == 0);
  c.answer_unix_ms = 0;
  CHECK(cdr_csv_line(c, "000").rfind("42,2024-03-05T14:07:09.250Z,,", 0) == 0);
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("line\r\nbreak") == "\"line\r\nbreak\"");
  CHECK(csv_cell("plain") == "plain");
}

}  // namespace
}  // namespace lineside::billing
