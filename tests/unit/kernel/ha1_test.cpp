// tests/unit/kernel/ha1_test.cpp: HA1 values against RFC 2617 / RFC 7616 test vectors.
#include <doctest/doctest.h>

#include <cstring>

#include "directory/directory.hpp"
#include "directory/ha1.hpp"

using namespace lineside::kernel;

TEST_CASE("HA1 MD5 matches RFC 2617 section 3.5 (Mufasa)") {
  CHECK(ha1_md5("Mufasa", "testrealm@host.com", "Circle Of Life") == "939e7578ed9e3c518a452acee763bce9");
}

TEST_CASE("HA1 SHA-256 matches RFC 7616 section 3.9.1 (Mufasa)") {
  CHECK(ha1_sha256("Mufasa", "http-auth@example.org", "Circle of Life") ==
        "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
}

TEST_CASE("the directory provider exposes devices by user and DN, never a password") {
  Directory dir;
  Device d;
  d.id = "dev-1";
  d.user = "alice";
  d.dn = "1001";
  d.realm = "pbx.test";
  d.ha1_md5 = ha1_md5("alice", "pbx.test", "pw");
  dir.replace({d});
  const ls_directory_v1_t *t = Directory::provider_table();
  ls_device_info_t info{};
  info.size = sizeof info;
  REQUIRE(t->device_by_user(&dir, "alice", &info) == 0);
  CHECK(std::string(info.dn) == "1001");
  CHECK(std::string(info.ha1_md5) == d.ha1_md5);
  CHECK(info.auth_enabled == 1);
  info = ls_device_info_t{};
  info.size = sizeof info;
  REQUIRE(t->device_by_dn(&dir, "1001", &info) == 0);
  CHECK(std::string(info.user) == "alice");
  CHECK(t->device_by_user(&dir, "bob", &info) == -1);
  CHECK(t->device_count(&dir) == 1);
}

TEST_CASE("an older caller's smaller struct is filled only up to its size") {
  Directory dir;
  Device d;
  d.id = "x";
  d.user = "u";
  d.dn = "1";
  dir.replace({d});
  struct {
    ls_device_info_t head;
    char guard[16];
  } buf{};
  buf.head.size = static_cast<uint32_t>(offsetof(ls_device_info_t, user));
  std::memset(buf.guard, 0x5a, sizeof buf.guard);
  REQUIRE(Directory::provider_table()->device_by_user(&dir, "u", &buf.head) == 0);
  CHECK(buf.head.size == offsetof(ls_device_info_t, user));
  CHECK(std::string(buf.head.device_id) == "x");
  CHECK(buf.head.user == nullptr);
  CHECK(static_cast<unsigned char>(buf.guard[0]) == 0x5a);
}
