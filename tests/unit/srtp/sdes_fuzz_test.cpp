// tests/unit/srtp/sdes_fuzz_test.cpp: random and mutated a=crypto values never crash and never pass
// with a key of the wrong length (bounded: a few thousand inputs, fixed seed).
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "core/sdes_attribute.hpp"

using namespace lineside::srtp;

namespace {

void check_outcome(const std::string &value) {
  CryptoParse parsed = parse_crypto(value);
  if (parsed.attr) {
    CHECK(parsed.error.empty());
    CHECK(parsed.attr->key_salt.size() == master_key_salt_len(parsed.attr->suite));
    CHECK(parsed.attr->tag >= 1);
    CHECK(parsed.attr->tag <= 999999999);
  } else {
    CHECK_FALSE(parsed.error.empty());
    CHECK(parsed.error.size() < 200);
  }
}

}  // namespace

TEST_CASE("mutations of a valid line are accepted or refused cleanly") {
  const std::string valid =
      format_crypto(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80)) + "|2^31";
  const std::string alphabet("0123456789 |:;^=+/\t\r\nAZaz_-\x00\xff", 29);
  std::mt19937 rng(4568);
  int accepted = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string value = valid;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = value.empty() ? 0 : rng() % value.size();
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
        case 0:
          if (!value.empty()) value[at] = c;
          break;
        case 1:
          value.insert(value.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        case 2:
          if (!value.empty()) value.erase(at, 1 + rng() % 5);
          break;
        case 3:
          value.insert(at, value.substr(0, rng() % 40));
          break;
      }
    }
    CryptoParse parsed = parse_crypto(value);
    accepted += parsed.attr ? 1 : 0;
    check_outcome(value);
  }
  // Mutations that keep a valid shape exist (e.g. a changed key character): both outcomes occur.
  CHECK(accepted > 0);
  CHECK(accepted < 4000);
}

TEST_CASE("random byte strings are refused without crashing") {
  std::mt19937 rng(3711);
  for (int round = 0; round < 3000; ++round) {
    std::string value(rng() % 1100, '\0');
    for (char &c : value) c = static_cast<char>(rng());
    check_outcome(value);
  }
}
