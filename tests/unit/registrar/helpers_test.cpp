// tests/unit/registrar/helpers_test.cpp: the registrar's pure helpers: record codec, JSON
// escaping, query parsing, RFC 1123 dates, q values, numeric hosts and store keys.
#include <doctest/doctest.h>

#include "admin_json.hpp"
#include "binding_codec.hpp"
#include "register_admission.hpp"
#include "register_response.hpp"

using namespace lineside::registrar;

TEST_CASE("a binding survives encode/decode, and damaged records are refused") {
  Binding b;
  b.user = "1001";
  b.aor = "sip:1001@pbx.test";
  b.device_id = "dev-1001";
  b.contact_uri = "sip:1001@192.0.2.1";
  b.instance = "\"<urn:uuid:1>\"";
  b.reg_id = "2";
  b.call_id = "a\nb\\c\r";
  b.cseq = 4294967295u;
  b.expires_at = 1700003600;
  b.updated_at = 1700000000;
  b.transport = LS_TRANSPORT_TLS;
  b.source_addr = "2001:db8::1";
  b.source_port = 5061;
  b.path = "<sip:p1;lr>, <sip:p2;lr>";
  b.user_agent = "UA=1";
  b.q_milli = 700;
  b.flow = 42;
  const auto back = decode_binding(encode_binding(b));
  REQUIRE(back);
  CHECK(back->call_id == b.call_id);
  CHECK(back->cseq == b.cseq);
  CHECK(back->user_agent == "UA=1");
  CHECK(back->q_milli == 700);
  CHECK(back->store_key() == b.store_key());
  CHECK(back->flow == 0);  // runtime state is not stored

  CHECK_FALSE(decode_binding("not a record"));
  CHECK_FALSE(decode_binding("lineside-binding 1\nuser=1001\ncontact_uri=sip:x\n"));  // no expiry
  CHECK_FALSE(decode_binding("lineside-binding 1\nuser=1001\ncontact_uri=sip:x\nexpires_at=12x\n"));
  CHECK(decode_binding("lineside-binding 1\nuser=1001\ncontact_uri=sip:x\nexpires_at=1\nlater_field=1\n"));
  // ... unknown fields are tolerated, bad escapes are not:
  CHECK_FALSE(decode_binding("lineside-binding 1\nuser=1001\ncontact_uri=sip:\\x\nexpires_at=1\n"));
}

TEST_CASE("json_string escapes quotes, backslashes, controls and invalid UTF-8") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(json_string(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
  CHECK(json_string(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e") == "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e\"");
  CHECK(json_string("bad \xff end") == "\"bad \\ufffd end\"");
  CHECK(json_string("cut \xe2\x82") == "\"cut \\ufffd\\ufffd\"");
  CHECK(json_string("overlong \xc0\xaf") == "\"overlong \\ufffd\\ufffd\"");
  CHECK(json_string("surrogate \xed\xa0\x80") == "\"surrogate \\ufffd\\ufffd\\ufffd\"");
}

TEST_CASE("query parameters are found and percent-decoded") {
  CHECK(query_parameter("user=1001", "user") == "1001");
  CHECK(query_parameter("a=1&user=10%2001&b=2", "user") == "10 01");
  CHECK(query_parameter("a=1", "user") == std::nullopt);
  CHECK(query_parameter("user=%zz", "user") == std::nullopt);
  CHECK(query_parameter("user=%4", "user") == std::nullopt);
  CHECK(percent_decode("a+b", true) == "a b");
  CHECK(percent_decode("a+b", false) == "a+b");
}

TEST_CASE("RFC 1123 dates and q values") {
  CHECK(rfc1123_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(rfc1123_date(1700000000) == "Tue, 14 Nov 2023 22:13:20 GMT");
  CHECK(rfc1123_date(951782400) == "Tue, 29 Feb 2000 00:00:00 GMT");
  CHECK(q_value_text(1000) == "1");
  CHECK(q_value_text(500) == "0.5");
  CHECK(q_value_text(125) == "0.125");
  CHECK(q_value_text(0) == "0");
}

TEST_CASE("numeric hosts and served hosts") {
  CHECK(is_numeric_host("192.0.2.1"));
  CHECK(is_numeric_host("[2001:db8::1]"));
  CHECK(is_numeric_host("::1"));
  CHECK_FALSE(is_numeric_host("256.0.0.1"));
  CHECK_FALSE(is_numeric_host("1.2.3"));
  CHECK_FALSE(is_numeric_host("1.2.3.4.5"));
  CHECK_FALSE(is_numeric_host("pbx.test"));
  CHECK(is_served_host("PBX.test.", "pbx.test"));
  CHECK_FALSE(is_served_host("evil.test", "pbx.test"));
}

TEST_CASE("store keys cannot collide across users") {
  CHECK(make_store_key("1", "1:contact:x") != make_store_key("1:1", "contact:x"));
  CHECK(make_binding_key("sip:a", "", "1") == "contact:sip:a");
  CHECK(make_binding_key("sip:a", "<urn:1>", "1") == "instance:<urn:1>;reg-id=1");
}
