// tests/unit/srtp/stream_fuzz_test.cpp: random and mangled packets into SrtpStream never crash and
// are never accepted (bounded: a few thousand packets, fixed seed).
#include <doctest/doctest.h>

#include <random>

#include "core/srtp_stream.hpp"
#include "srtp_test_support.hpp"

using namespace lineside::srtp;
using namespace lineside::srtp::test;

TEST_CASE("random bytes are refused by unprotect") {
  std::mt19937 rng(2023);
  for (Suite suite : kAllSuites) {
    if (!suite_available(suite)) continue;
    StreamPair pair = stream_pair(generate_crypto(1, suite));
    for (int round = 0; round < 1500; ++round) {
      std::vector<uint8_t> buffer(rng() % 400);
      for (uint8_t &byte : buffer) byte = static_cast<uint8_t>(rng());
      if (!buffer.empty() && round % 2 == 0)
        buffer[0] = static_cast<uint8_t>(0x80 | (buffer[0] & 0x3f));
      size_t len = buffer.size();
      CHECK_FALSE(pair.receiver->unprotect_rtp(buffer.data(), len));
      len = buffer.size();
      CHECK_FALSE(pair.receiver->unprotect_rtcp(buffer.data(), len));
    }
  }
}

TEST_CASE("mangled genuine packets are refused; hostile headers do not overrun") {
  std::mt19937 rng(3550);
  StreamPair pair = stream_pair(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80));
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> buffer = rtp_packet(42, static_cast<uint16_t>(round), 160);
    size_t len = 172;
    REQUIRE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
    switch (round % 4) {
      case 0:
        buffer[rng() % len] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:
        len = rng() % len;
        break;
      case 2:
        buffer[0] = static_cast<uint8_t>(0x90 | (rng() % 16));  // extension bit, CSRC count
        buffer[12 + 4 * (buffer[0] & 0x0f) + 2] = 0xff;         // huge extension length
        break;
      case 3:
        buffer[0] = 0x8f;  // 15 CSRCs claimed
        len = 12 + rng() % 60;
        break;
    }
    std::vector<uint8_t> copy(buffer.begin(), buffer.begin() + static_cast<long>(len));
    CHECK_FALSE(pair.receiver->unprotect_rtp(copy.data(), len));
  }
  // Hostile headers on the plain side: protect refuses them instead of reading past the end.
  std::vector<uint8_t> buffer = rtp_packet(42, 1, 4);
  buffer[0] = 0x9f;
  size_t len = 16;
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
  buffer = rtp_packet(42, 2, 8);
  buffer[0] = 0x90;
  buffer[14] = 0xff;
  len = 20;
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
}
