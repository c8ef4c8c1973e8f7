// Scalar parsing and printing: integers, booleans, durations, enum choices, key suggestions, listen addresses.
#include <doctest/doctest.h>

#include "config/kernel_settings.hpp"
#include "config/key_suggestion.hpp"
#include "config/scalar_values.hpp"

namespace lineside::kernel {
namespace {

TEST_CASE("durations take ms, s, m, h, d or bare seconds") {
  CHECK(parse_duration_ms("250ms") == 250);
  CHECK(parse_duration_ms("30s") == 30'000);
  CHECK(parse_duration_ms("5m") == 300'000);
  CHECK(parse_duration_ms("2h") == 7'200'000);
  CHECK(parse_duration_ms("1d") == 86'400'000);
  CHECK(parse_duration_ms("45") == 45'000);
  CHECK(parse_duration_ms("0") == 0);
  for (const char *bad : {"", "s", "1.5s", "-1s", "10x", "5 m", "1ms5", "99999999999999999d", "+5s"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration_ms(bad));
  }
}

TEST_CASE("durations print in their largest exact unit") {
  CHECK(format_duration_ms(0) == "0s");
  CHECK(format_duration_ms(250) == "250ms");
  CHECK(format_duration_ms(1500) == "1500ms");
  CHECK(format_duration_ms(90'000) == "90s");
  CHECK(format_duration_ms(300'000) == "5m");
  CHECK(format_duration_ms(7'200'000) == "2h");
  CHECK(format_duration_ms(86'400'000) == "1d");
}

TEST_CASE("integers are whole decimal numbers within int64") {
  CHECK(parse_integer("42") == 42);
  CHECK(parse_integer("+7") == 7);
  CHECK(parse_integer("-9223372036854775808") == INT64_MIN);
  for (const char *bad : {"", "+", "-", "5.0", "0x10", "1e3", "+-5", "9223372036854775808", "12ab"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_integer(bad));
  }
}

TEST_CASE("booleans are true/false/yes/no/on/off in any case") {
  CHECK(parse_boolean("true") == true);
  CHECK(parse_boolean("YES") == true);
  CHECK(parse_boolean("On") == true);
  CHECK(parse_boolean("false") == false);
  CHECK(parse_boolean("no") == false);
  CHECK(parse_boolean("OFF") == false);
  CHECK_FALSE(parse_boolean("1"));
  CHECK_FALSE(parse_boolean("y"));
}

TEST_CASE("enum choices split on bars and read back as a list") {
  CHECK(split_choices("udp|tcp|tls") == std::vector<std::string>{"udp", "tcp", "tls"});
  CHECK(split_choices("a||") == std::vector<std::string>{"a", "", ""});
  CHECK(expected_one_of({"full", "normal"}) == "expected one of: full, normal");
}

TEST_CASE("unknown keys suggest the closest known key within two edits") {
  CHECK(edit_distance("max_expires", "max_expires") == 0);
  CHECK(edit_distance("max_exipres", "max_expires") == 1);
  CHECK(edit_distance("max_expire", "max_expires") == 1);
  CHECK(edit_distance("", "abc") == 3);
  const std::vector<std::string> known{"min_expires", "max_expires", "max_contacts"};
  CHECK(unknown_key_message("max_exipres", known) == "unknown key (did you mean 'max_expires'?)");
  CHECK(unknown_key_message("min_expire", known) == "unknown key (did you mean 'min_expires'?)");
  CHECK(unknown_key_message("timeout", known) == "unknown key");
}

TEST_CASE("listen addresses are host:port") {
  CHECK(parse_listen_address("127.0.0.1:8089") == std::make_pair(std::string("127.0.0.1"), uint16_t{8089}));
  CHECK(parse_listen_address("[::1]:80") == std::make_pair(std::string("::1"), uint16_t{80}));
  CHECK(parse_listen_address("*:443") == std::make_pair(std::string("*"), uint16_t{443}));
  CHECK(parse_listen_address("admin.pbx.test:8089") == std::make_pair(std::string("admin.pbx.test"), uint16_t{8089}));
  for (const char *bad : {"localhost", ":8089", "host:", "host:0", "host:65536", "::1:80", "host:80x", "[]:80",
                          "ho st:80", "host:+80"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_listen_address(bad));
  }
}

} // namespace
} // namespace lineside::kernel
