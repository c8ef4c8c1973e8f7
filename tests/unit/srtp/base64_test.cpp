// tests/unit/srtp/base64_test.cpp: standard base64 of SDES keys, RFC 4648 §10 vectors and refusals.
#include "core/base64.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace lineside::srtp;

namespace {
std::string encode_text(std::string_view text) {
  return base64_encode({reinterpret_cast<const uint8_t *>(text.data()), text.size()});
}
std::string decode_text(std::string_view text) {
  auto bytes = base64_decode(text);
  REQUIRE(bytes);
  return std::string(bytes->begin(), bytes->end());
}
}  // namespace

TEST_CASE("RFC 4648 test vectors encode and decode") {
  const char *pairs[][2] = {{"", ""},
                            {"f", "Zg=="},
                            {"fo", "Zm8="},
                            {"foo", "Zm9v"},
                            {"foob", "Zm9vYg=="},
                            {"fooba", "Zm9vYmE="},
                            {"foobar", "Zm9vYmFy"}};
  for (auto &pair : pairs) {
    CHECK(encode_text(pair[0]) == pair[1]);
    CHECK(decode_text(pair[1]) == pair[0]);
  }
}

TEST_CASE("padding may be left out, but not be wrong") {
  CHECK(decode_text("Zg") == "f");
  CHECK(decode_text("Zm8") == "fo");
  CHECK_FALSE(base64_decode("Zg="));    // one '=' where two are needed
  CHECK_FALSE(base64_decode("Zm8=="));  // two where one is needed
  CHECK_FALSE(base64_decode("Zm9v="));
  CHECK_FALSE(base64_decode("Zm9v===="));
  CHECK_FALSE(base64_decode("Z"));  // a lone character
  CHECK_FALSE(base64_decode("Zm9vY"));
  CHECK_FALSE(base64_decode("Zg==Zg=="));
  CHECK_FALSE(base64_decode("="));
}

TEST_CASE("characters outside the standard alphabet are refused") {
  CHECK_FALSE(base64_decode("Zm9v YmFy"));
  CHECK_FALSE(base64_decode("Zm9v-_Fy"));  // base64url
  CHECK_FALSE(base64_decode("Zm9v\nYmFy"));
  CHECK_FALSE(base64_decode(std::string_view("Zm9v\0mFy", 8)));
  CHECK_FALSE(base64_decode("Zm9v\xc3\xa9mFy"));
  CHECK(base64_decode("+/+/"));
}
