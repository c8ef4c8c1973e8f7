// tests/unit/linesidectl/refusal_text_test.cpp: the server's Error bodies as readable lines.
#include <doctest/doctest.h>

#include "linesidectl/refusal_text.hpp"

using namespace lineside::ctl;

TEST_CASE("one line per field error, with its rule") {
  const std::string body =
      R"({"error":"x","errors":[{"field":"dn","rule":"duplicate_dn","message":"already used by dev-1001"},)"
      R"({"field":"licences.ip_users","rule":"licence_exhausted","message":"licences.ip_users: 11 of 11 IP User licences in use","in_use":11}]})";
  CHECK(refusal_text(409, "Conflict", body) ==
        "refused: 409 Conflict\n"
        "  dn: already used by dev-1001 (rule duplicate_dn)\n"
        "  licences.ip_users: 11 of 11 IP User licences in use (rule licence_exhausted)");
}

TEST_CASE("without field errors: the error text, else the first line of the body") {
  CHECK(refusal_text(401, "Unauthorized", R"({"error":"missing or wrong credentials"})") ==
        "refused: 401 Unauthorized: missing or wrong credentials");
  CHECK(refusal_text(502, "Bad Gateway", "<html>\nproxy</html>") == "refused: 502 Bad Gateway: <html>");
  CHECK(refusal_text(500, "", "") == "refused: 500");
}
