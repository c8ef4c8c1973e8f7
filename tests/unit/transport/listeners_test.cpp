// tests/unit/transport/listeners_test.cpp: listener config validation (TLS files, duplicates,
// empty list), what reaches host->transport_listen, and the reload rule for listeners.
#include <doctest/doctest.h>

#include "transport_test_support.hpp"

using namespace lineside::transport;
using namespace lineside::transport::test;
using lineside::testing::FakeConfig;
namespace fs = std::filesystem;

TEST_CASE("every listener reaches transport_listen with its fields and defaults") {
  TransportFixture f;
  f.add_listener("udp");
  f.add_listener("tcp", "::1").set("port", 5070);
  FakeConfig &tls = f.add_tls_listener();
  const std::string ca = f.dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  tls.set("ca", ca).set("tls_min_version", "1.3");
  f.add_tls_listener().set("address", "192.0.2.1");
  REQUIRE_MESSAGE(f.load(), f.host.load_error());

  const auto &opened = f.host.listeners();
  REQUIRE(opened.size() == 4);
  CHECK(opened[0].transport == LS_TRANSPORT_UDP);
  CHECK(opened[0].address == "127.0.0.1");
  CHECK(opened[0].port == 5060);
  CHECK_FALSE(opened[0].cert_file);
  CHECK(opened[0].tls_min_version == 0);
  CHECK(opened[1].transport == LS_TRANSPORT_TCP);
  CHECK(opened[1].address == "::1");
  CHECK(opened[1].port == 5070);
  CHECK(opened[2].transport == LS_TRANSPORT_TLS);
  CHECK(opened[2].port == 5061);
  CHECK(opened[2].cert_file == f.cert);
  CHECK(opened[2].key_file == f.key);
  CHECK(opened[2].ca_file == ca);
  CHECK(opened[2].tls_min_version == 0x0304);
  CHECK(opened[3].address == "192.0.2.1");
  CHECK(opened[3].tls_min_version == 0x0303);
  CHECK_FALSE(opened[3].ca_file);
  CHECK(f.host.logged("listening on tls 192.0.2.1:5061", LS_LOG_INFO));
  CHECK(f.host.config_errors().empty());
}

TEST_CASE("TLS files must exist and be readable; the error names the key and the reason") {
  TransportFixture f;
  SUBCASE("missing certificate file") {
    f.add_tls_listener().set("certificate", "/nonexistent/lineside/cert.pem");
    CHECK_FALSE(f.load());
    CHECK(f.config_error("certificate",
                         "cannot read certificate /nonexistent/lineside/cert.pem: No such file or directory"));
  }
  SUBCASE("missing private key and CA files") {
    f.add_tls_listener().set("private_key", f.dir.path("gone.pem")).set("ca", f.dir.path("ca.pem"));
    CHECK_FALSE(f.load());
    CHECK(f.config_error("private_key",
                         "cannot read private key " + f.dir.path("gone.pem") + ": No such file or directory"));
    CHECK(f.config_error("ca", "cannot read CA bundle " + f.dir.path("ca.pem") + ": No such file or directory"));
  }
  SUBCASE("a folder instead of a file") {
    f.add_tls_listener().set("certificate", f.dir.path(""));
    CHECK_FALSE(f.load());
    CHECK(f.config_error("certificate", "cannot read certificate " + f.dir.path("") + ": Is a directory"));
  }
  SUBCASE("an empty certificate file") {
    f.add_tls_listener().set("certificate", f.dir.write("empty.pem", ""));
    CHECK_FALSE(f.load());
    CHECK(f.config_error("certificate", "cannot read certificate " + f.dir.path("empty.pem") + ": the file is empty"));
  }
  SUBCASE("no certificate key at all") {
    f.add_listener("tls").set("private_key", f.key);
    CHECK_FALSE(f.load());
    CHECK(f.config_error("certificate", "a tls listener needs a certificate"));
  }
  CHECK(f.host.listeners().empty());
  CHECK(f.host.instance() == nullptr);
}

TEST_CASE("a private key readable by group or others is a warning, not an error") {
  TransportFixture f;
  f.add_tls_listener();
  SUBCASE("0640") {
    fs::permissions(f.key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    REQUIRE(f.load());
    CHECK(f.host.logged("private key " + f.key + " is readable by group or others", LS_LOG_WARNING));
  }
  SUBCASE("0600") {
    REQUIRE(f.load());
    CHECK_FALSE(f.host.logged("readable by group or others"));
  }
  CHECK(f.host.listeners().size() == 1);
}

TEST_CASE("duplicate listeners and an empty list are refused") {
  TransportFixture f;
  SUBCASE("the same transport, address and port twice") {
    f.add_listener("tcp");
    f.add_listener("udp");
    f.add_listener("tcp").set("port", 5060);
    CHECK_FALSE(f.load());
    CHECK(f.config_error("port", "duplicate listener tcp 127.0.0.1:5060 (the same transport, "
                                 "address and port as an earlier listener)"));
    CHECK(f.host.config_errors().size() == 1);
  }
  SUBCASE("no listener") {
    f.host.config().set("listeners", "[]");
    CHECK_FALSE(f.load());
    CHECK(f.config_error("listeners", "at least one listener is required"));
  }
  CHECK(f.host.listeners().empty());
}

TEST_CASE("a listener the host cannot open fails init with the host's reason") {
  TransportFixture f;
  f.add_listener("udp");
  f.add_listener("tcp").set("port", 5099);
  f.host.fail_next_listen("Address already in use");
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error() == "cannot listen on udp 127.0.0.1:5060: Address already in use");
}

TEST_CASE("reload: listeners cannot change, rate_limit can") {
  TransportFixture f;
  f.add_listener("udp");
  f.add_tls_listener();
  REQUIRE(f.load());
  auto same_listeners = [&](FakeConfig &next) {
    next.add_child("listeners").set("transport", "udp").set("address", "127.0.0.1");
    next.add_child("listeners").set("transport", "tls").set("certificate", f.cert).set("private_key", f.key);
  };
  SUBCASE("a changed port is refused") {
    FakeConfig next;
    next.add_child("listeners").set("transport", "udp").set("port", 5070);
    next.add_child("listeners").set("transport", "tls").set("certificate", f.cert).set("private_key", f.key);
    CHECK_FALSE(f.host.reconfigure(std::move(next)));
    CHECK(f.host.load_error() == "changing listeners needs a restart");
  }
  SUBCASE("the same listeners with a new rate limit apply") {
    FakeConfig next;
    same_listeners(next);
    next.child("rate_limit").set("requests_per_second", 5).set("burst", 10);
    REQUIRE_MESSAGE(f.host.reconfigure(std::move(next)), f.host.load_error());
    CHECK(f.module().rate_limiter().settings().requests_per_second == 5);
    CHECK(f.module().rate_limiter().settings().burst == 10);
  }
  CHECK(f.host.listeners().size() == 2);
}
