// tests/unit/kernel/admin_routes_test.cpp: admin route registration and longest-prefix matching.
#include <doctest/doctest.h>

#include "admin/admin_routes.hpp"
#include "admin/admin_token.hpp"

using namespace lineside::kernel;

namespace {
void handler(void *, const ls_admin_request_t *, ls_admin_reply_t *) {}
void other(void *, const ls_admin_request_t *, ls_admin_reply_t *) {}
}  // namespace

TEST_CASE("routes match on method and whole path segments, longest prefix first") {
  AdminRoutes routes;
  REQUIRE(routes.add({"GET", "/api/v1/registrations", handler, nullptr, nullptr}));
  REQUIRE(routes.add({"GET", "/api/v1/registrations/stats", other, nullptr, nullptr}));
  CHECK_FALSE(routes.add({"GET", "/api/v1/registrations", other, nullptr, nullptr}));
  CHECK_FALSE(routes.add({"GET", "/admin/x", other, nullptr, nullptr}));
  CHECK((routes.find("GET", "/api/v1/registrations")->fn == handler));
  CHECK((routes.find("GET", "/api/v1/registrations/1001")->fn == handler));
  CHECK((routes.find("GET", "/api/v1/registrations/stats")->fn == other));
  CHECK(routes.find("GET", "/api/v1/registrationsX") == nullptr);
  CHECK(routes.find("DELETE", "/api/v1/registrations/1001") == nullptr);
  CHECK(routes.path_known("/api/v1/registrations/1001"));
  CHECK_FALSE(routes.path_known("/api/v2"));
}

TEST_CASE("token comparison needs the exact token") {
  CHECK(token_matches("abcdef0123456789", "abcdef0123456789"));
  CHECK_FALSE(token_matches("abcdef0123456788", "abcdef0123456789"));
  CHECK_FALSE(token_matches("abcdef012345678", "abcdef0123456789"));
  CHECK_FALSE(token_matches("", "abcdef0123456789"));
}
