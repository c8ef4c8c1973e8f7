// tests/unit/srtp/stream_threads_test.cpp: streams created and used on several threads at once (the
// media threads' pattern: each stream on one thread, the backend and libsrtp2's kernel shared).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "core/srtp_stream.hpp"
#include "srtp_test_support.hpp"

using namespace lineside::srtp;
using namespace lineside::srtp::test;

TEST_CASE("threads create and use their own streams concurrently") {
  constexpr int kThreads = 4;
  constexpr int kPairsPerThread = 50;
  constexpr int kRounds = 20;
  std::atomic<int> failures{0};
  std::atomic<int> packets{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Suite suite = kAllSuites[static_cast<size_t>(t) % std::size(kAllSuites)];
      std::vector<std::pair<std::unique_ptr<SrtpStream>, std::unique_ptr<SrtpStream>>> pairs;
      for (int i = 0; i < kPairsPerThread; ++i) {
        CryptoAttribute attr = generate_crypto(1, suite);
        std::string error;
        pairs.emplace_back(SrtpStream::create(attr, Direction::outbound, error),
                           SrtpStream::create(attr, Direction::inbound, error));
        if (!pairs.back().first || !pairs.back().second) {
          ++failures;
          return;
        }
      }
      for (int round = 0; round < kRounds; ++round) {
        for (auto &[sender, receiver] : pairs) {
          std::vector<uint8_t> buffer =
              rtp_packet(0x1000u + static_cast<uint32_t>(t), static_cast<uint16_t>(round), 160);
          const std::vector<uint8_t> plain(buffer.begin(), buffer.begin() + 172);
          size_t len = 172;
          bool ok = sender->protect_rtp(buffer.data(), len, buffer.size()) &&
                    receiver->unprotect_rtp(buffer.data(), len) && len == 172 &&
                    std::equal(plain.begin(), plain.end(), buffer.begin());
          failures += ok ? 0 : 1;
          ++packets;
        }
      }
    });
  }
  for (std::thread &thread : threads) thread.join();
  CHECK(failures.load() == 0);
  CHECK(packets.load() == kThreads * kPairsPerThread * kRounds);
}
