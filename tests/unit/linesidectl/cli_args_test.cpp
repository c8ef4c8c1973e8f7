// tests/unit/linesidectl/cli_args_test.cpp: global options anywhere, command options after the command.
#include <doctest/doctest.h>

#include "linesidectl/cli_args.hpp"
#include "linesidectl/ctl_errors.hpp"

using namespace lineside::ctl;

TEST_CASE("defaults: the loopback URL, no credentials given, tables") {
  const CliArgs a = parse_cli({"device", "list"});
  CHECK(a.global.url == "http://127.0.0.1:8089");
  CHECK_FALSE(a.global.token);
  CHECK_FALSE(a.global.token_file);
  CHECK_FALSE(a.global.basic_user);
  CHECK_FALSE(a.global.json);
  CHECK(a.words == std::vector<std::string>{"device", "list"});
  CHECK(a.word(0) == "device");
  CHECK(a.word(5).empty());
}

TEST_CASE("global options before or after the command, with '=' or a separate value") {
  const CliArgs a = parse_cli({"--url=https://pbx:8443", "device", "show", "dev-1", "--json", "--token-file",
                               "/tmp/t", "--cacert", "ca.pem"});
  CHECK(a.global.url == "https://pbx:8443");
  CHECK(a.global.json);
  CHECK(*a.global.token_file == "/tmp/t");
  CHECK(*a.global.cacert == "ca.pem");
  CHECK(a.words == std::vector<std::string>{"device", "show", "dev-1"});
}

TEST_CASE("--user before a command is basic auth; after `registrations` it is the user filter") {
  const CliArgs basic = parse_cli({"--user", "admin:pw", "registrations"});
  CHECK(*basic.global.basic_user == "admin:pw");
  CHECK(basic.options.empty());
  const CliArgs filter = parse_cli({"--token", "t0k", "registrations", "--user", "1001"});
  CHECK_FALSE(filter.global.basic_user);
  CHECK(filter.options.at("user") == "1001");
  CHECK(*filter.global.token == "t0k");
  const CliArgs other = parse_cli({"device", "list", "--user", "admin:pw"});
  CHECK(*other.global.basic_user == "admin:pw");
}

TEST_CASE("name=value words stay words; '--' ends the options; -h is --help") {
  const CliArgs a = parse_cli({"device", "set", "d1", "display_name=--x--", "-h", "--", "--json"});
  CHECK(a.global.help);
  CHECK_FALSE(a.global.json);
  CHECK(a.words == std::vector<std::string>{"device", "set", "d1", "display_name=--x--", "--json"});
}

TEST_CASE("hash-password takes --iterations") {
  const CliArgs a = parse_cli({"hash-password", "alice", "--iterations", "20000"});
  CHECK(a.options.at("iterations") == "20000");
  CHECK_THROWS_AS(parse_cli({"device", "list", "--iterations", "5"}), UsageError);
}

TEST_CASE("usage errors: unknown options, missing values, values on flags") {
  CHECK_THROWS_AS(parse_cli({"--bogus", "device"}), UsageError);
  CHECK_THROWS_AS(parse_cli({"-x"}), UsageError);
  CHECK_THROWS_AS(parse_cli({"device", "list", "--url"}), UsageError);
  CHECK_THROWS_AS(parse_cli({"--json=yes", "licence"}), UsageError);
}
