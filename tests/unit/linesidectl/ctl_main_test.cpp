// tests/unit/linesidectl/ctl_main_test.cpp: exit codes and output of commands that need no server.
#include <doctest/doctest.h>

#include <sstream>

#include "admin/admin_auth.hpp"
#include "linesidectl/connection.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/ctl_main.hpp"

using namespace lineside::ctl;

namespace {

struct Run {
  int rc = -1;
  std::string out, err;
};

Run run(const std::vector<std::string> &argv, const std::string &input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  Run r;
  r.rc = ctl_main(argv, [](const char *) -> const char * { return nullptr; }, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace

TEST_CASE("--help and per-command help exit 0; no command or an unknown one is a usage error (2)") {
  CHECK(run({"--help"}).rc == 0);
  CHECK(run({"--help"}).out.find("registrations") != std::string::npos);
  const Run dev = run({"device", "--help"});
  CHECK(dev.rc == 0);
  CHECK(dev.out.find("device add ID") != std::string::npos);
  CHECK(run({"help", "import"}).out.find("FILE.yaml") != std::string::npos);
  CHECK(run({}).rc == 2);
  const Run bad = run({"frobnicate"});
  CHECK(bad.rc == 2);
  CHECK(bad.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(run({"--url", "ftp://x", "device", "list"}).rc == 2);
  CHECK(run({"--token", "t", "device", "add"}).rc == 2);
  CHECK(run({"--token", "t", "device", "set", "d1", "colour=red"}).rc == 2);
}

TEST_CASE("an unreachable server is exit 3") {
  const Run r = run({"--url", "http://127.0.0.1:1", "--token", "t", "licence", "show"});
  CHECK(r.rc == 3);
  CHECK(r.err.find("cannot talk to http://127.0.0.1:1") != std::string::npos);
}

TEST_CASE("hash-password prints a kernel.admin.users entry the daemon's verifier accepts") {
  const Run r = run({"hash-password", "alice", "--iterations", "10000"}, "wonder\n");
  REQUIRE(r.rc == 0);
  REQUIRE(r.out.rfind("alice:pbkdf2-sha256$10000$", 0) == 0);
  const std::string encoded = r.out.substr(6, r.out.size() - 7);
  CHECK(lineside::kernel::pbkdf2_verify("wonder", encoded));
  CHECK(run({"hash-password", "bob", "pw", "--iterations", "10000"}).rc == 0);
  CHECK(run({"hash-password"}).rc == 2);
  CHECK(run({"hash-password", "a:b", "pw"}).rc == 2);
  CHECK(run({"hash-password", "alice", "--iterations", "5"}, "pw\n").rc == 2);
  CHECK(run({"hash-password", "alice"}, "").rc == 2);
}

TEST_CASE("credentials: --user beats --token beats the token file; an unreadable file is noted, not fatal") {
  GlobalOptions g;
  g.basic_user = "admin:pa:ss";
  g.token = "tok";
  ConnectionSettings s = connection_settings(g, [](const char *) -> const char * { return nullptr; });
  CHECK(s.basic_user == "admin");
  CHECK(s.basic_password == "pa:ss");
  CHECK(s.bearer_token.empty());
  g.basic_user.reset();
  s = connection_settings(g, [](const char *) -> const char * { return nullptr; });
  CHECK(s.bearer_token == "tok");
  g.token.reset();
  s = connection_settings(g, [](const char *) -> const char * { return "/nonexistent/admin.token"; });
  CHECK(s.bearer_token.empty());
  CHECK(s.credential_note.find("/nonexistent/admin.token") != std::string::npos);
  g.basic_user = "nocolon";
  CHECK_THROWS_AS(connection_settings(g, [](const char *) -> const char * { return nullptr; }), UsageError);
}
