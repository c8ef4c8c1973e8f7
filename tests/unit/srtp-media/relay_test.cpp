// tests/unit/srtp-media/relay_test.cpp: the relay on real loopback sockets: SRTP<->RTP both ways
// (voice, RFC 4733 events, RTCP), tampered packets dropped and counted, the inactivity watch and
// ports given back. Latching is in relay_latch_test.cpp.
#include <chrono>
#include <cstring>
#include <thread>

#include "relay_test_support.hpp"

using namespace lineside::media;
using namespace lineside::media::test;

TEST_CASE("SRTP from the caller arrives as RTP at the callee and back, voice and RFC 4733 events") {
  RelayedCall c;
  std::vector<uint8_t> heard;
  for (uint16_t seq = 1; seq < 20 && heard.empty(); ++seq) heard = c.a_to_b(rtp(0, seq));
  REQUIRE_FALSE(heard.empty());
  CHECK(heard[1] == 0);

  const auto dtmf = rtp(101, 100, 4);
  CHECK(c.a_to_b(dtmf) == dtmf);  // telephone-event untouched

  const auto voice = rtp(0, 7);
  c.b.send_to(c.relay_for_b, voice);
  std::vector<uint8_t> at_a = c.a.receive();
  REQUIRE(at_a.size() == voice.size() + 10);                         // HMAC-SHA1-80 tag
  CHECK(std::memcmp(at_a.data() + 12, voice.data() + 12, 16) != 0);  // encrypted on the wire
  size_t len = at_a.size();
  REQUIRE(c.a_in->unprotect_rtp(at_a.data(), len));
  at_a.resize(len);
  CHECK(at_a == voice);

  const RelayTotals t = c.engine.totals();
  CHECK(t.counter("srtp_decrypted") >= 2);
  CHECK(t.counter("srtp_encrypted") == 1);
  CHECK(t.calls == 1);
}

TEST_CASE("SRTCP from the caller reaches the callee's RTCP port as RTCP") {
  RelayedCall c;
  REQUIRE(c.prime());
  std::vector<uint8_t> rr(32, 0);
  rr[0] = 0x81;
  rr[1] = 201;
  rr[3] = 7;
  rr[4] = 0x12;
  c.a_rtcp.send_to(static_cast<uint16_t>(c.relay_for_a + 1), protect(*c.a_out, rr, true));
  CHECK(c.b_rtcp.receive() == rr);
}

TEST_CASE("a tampered SRTP packet is dropped and counted, never forwarded") {
  RelayedCall c;
  REQUIRE(c.prime());
  auto bad = protect(*c.a_out, rtp(0, 50));
  bad[20] ^= 0x01;
  const uint64_t before = c.engine.totals().counter("dropped_tampered");
  c.a.send_to(c.relay_for_a, bad);
  CHECK(c.b.receive(300).empty());
  CHECK(c.engine.totals().counter("dropped_tampered") == before + 1);
  CHECK(c.a_to_b(rtp(0, 51)).size() == 172);  // the stream goes on
}

TEST_CASE("a two-way call with no media is reported once; removing it gives every port back") {
  RelayedCall c;
  c.engine.set_inactivity_timeout_ms(300);
  auto answered = c.call.answered(nullptr);
  REQUIRE(answered);
  c.engine.post(std::move(*answered));
  std::vector<uint64_t> quiet;
  for (int i = 0; i < 40 && quiet.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    quiet = c.engine.take_timeouts();
  }
  CHECK(quiet == std::vector<uint64_t>{11});
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK(c.engine.take_timeouts().empty());

  CHECK(c.pool->in_use() == 2);
  RelayCommand remove;
  remove.kind = RelayCommand::Kind::remove;
  remove.call_id = 11;
  c.engine.post(std::move(remove));
  for (int i = 0; i < 50 && c.pool->in_use() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(c.pool->in_use() == 0);
}

TEST_CASE("a held callee (recvonly) is not watched for inactivity") {
  RelayedCall c("a=recvonly\r\n");
  c.engine.set_inactivity_timeout_ms(200);
  auto answered = c.call.answered(nullptr);
  REQUIRE(answered);
  c.engine.post(std::move(*answered));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(c.engine.take_timeouts().empty());
}

TEST_CASE("the port pool hands out even/odd pairs, skips busy ones and never leaks") {
  auto pool = test_pool(44000, 44009);  // five pairs
  CHECK(pool->capacity() == 5);
  UdpPhone squatter;  // nothing to do with the range
  std::string error;
  std::vector<std::unique_ptr<RelayPorts>> held;
  for (int i = 0; i < 5; ++i) {
    held.push_back(pool->allocate(error));
    REQUIRE(held.back());
    CHECK(held.back()->port() % 2 == 0);
  }
  CHECK_FALSE(pool->allocate(error));
  CHECK(error.find("in use") != std::string::npos);
  held.clear();
  CHECK(pool->in_use() == 0);
  for (int i = 0; i < 10000; ++i) {
    auto p = pool->allocate(error);
    REQUIRE(p);
  }
  CHECK(pool->in_use() == 0);
}
