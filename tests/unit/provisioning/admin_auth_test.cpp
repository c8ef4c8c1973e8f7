// tests/unit/provisioning/admin_auth_test.cpp: admin credentials kept hashed (token SHA-256,
// PBKDF2 users) and the Authorization header check.
#include <doctest/doctest.h>

#include "admin/admin_auth.hpp"

using namespace lineside::kernel;

TEST_CASE("PBKDF2 hashes are salted, verify the right password only, and are well formed") {
  const std::string a = pbkdf2_hash("s3cret", 10000);
  const std::string b = pbkdf2_hash("s3cret", 10000);
  CHECK(a != b);
  CHECK(a.rfind("pbkdf2-sha256$10000$", 0) == 0);
  CHECK(pbkdf2_verify("s3cret", a));
  CHECK_FALSE(pbkdf2_verify("s3cret!", a));
  std::string why;
  CHECK(pbkdf2_well_formed(a, why));
  CHECK_FALSE(pbkdf2_well_formed("pbkdf2-sha256$100$00$00", why));
  CHECK_FALSE(pbkdf2_well_formed("md5$x", why));
  CHECK_FALSE(pbkdf2_verify("s3cret", "plain-text"));
}

TEST_CASE("bearer tokens and basic users") {
  const AdminAuth auth("0123456789abcdef0123", {{"alice", pbkdf2_hash("wonder", 10000)}});
  CHECK(auth.allows("Bearer 0123456789abcdef0123"));
  CHECK_FALSE(auth.allows("Bearer 0123456789abcdef012"));
  CHECK_FALSE(auth.allows(""));
  CHECK_FALSE(auth.allows("0123456789abcdef0123"));
  CHECK(auth.allows("Basic YWxpY2U6d29uZGVy"));           // alice:wonder
  CHECK_FALSE(auth.allows("Basic YWxpY2U6d29uZGVyMQ=="));  // alice:wonder1
  CHECK_FALSE(auth.allows("Basic Ym9iOndvbmRlcg=="));      // bob:wonder
  CHECK_FALSE(auth.allows("Basic !!!!"));
}
