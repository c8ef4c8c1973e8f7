// tests/unit/srtp-media/relay_test.cpp: the relay on real loopback sockets: SRTP<->RTP both ways
// (voice, RFC 4733 events, RTCP), tampered packets dropped and counted, latching, the inactivity
// watch and ports given back.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "core/srtp_stream.hpp"
#include "media_engine.hpp"
#include "media_test_support.hpp"

using namespace lineside::media;
using namespace lineside::media::test;
using lineside::srtp::Direction;
using lineside::srtp::SrtpStream;

namespace {

constexpr uint32_t A = kCallerLeg;
constexpr uint32_t B = 1;

/// A phone's UDP socket on 127.0.0.1.
struct UdpPhone {
  int fd;
  uint16_t port;
  UdpPhone() {
    fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~UdpPhone() { ::close(fd); }
  void send_to(uint16_t to_port, const std::vector<uint8_t> &data) const {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(to_port);
    REQUIRE(::sendto(fd, data.data(), data.size(), 0, reinterpret_cast<sockaddr *>(&a), sizeof a) ==
            static_cast<ssize_t>(data.size()));
  }
  /// The next datagram within `ms`, or empty.
  std::vector<uint8_t> receive(int ms = 500) const {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) return {};
    std::vector<uint8_t> buf(4096);
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    buf.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return buf;
  }
};

std::vector<uint8_t> rtp(uint8_t pt, uint16_t seq, size_t payload = 160) {
  std::vector<uint8_t> p(12 + payload);
  p[0] = 0x80;
  p[1] = pt;
  p[2] = static_cast<uint8_t>(seq >> 8);
  p[3] = static_cast<uint8_t>(seq);
  p[8] = 0x12;
  p[9] = 0x34;
  p[10] = 0x56;
  p[11] = 0x78;
  for (size_t i = 0; i < payload; ++i) p[12 + i] = static_cast<uint8_t>(0xA0 + (i + seq) % 50);
  return p;
}

std::vector<uint8_t> protect(SrtpStream &s, std::vector<uint8_t> p, bool rtcp = false) {
  size_t len = p.size();
  p.resize(len + SrtpStream::kMaxTrailer);
  REQUIRE(
      (rtcp ? s.protect_rtcp(p.data(), len, p.size()) : s.protect_rtp(p.data(), len, p.size())));
  p.resize(len);
  return p;
}

std::unique_ptr<SrtpStream> stream(const std::string &crypto_value, Direction d) {
  std::string error;
  auto s = SrtpStream::create(*lineside::srtp::parse_crypto(crypto_value).attr, d, error);
  REQUIRE_MESSAGE(s, error);
  return s;
}

/// A call: caller A on SRTP (mandatory), callee B on plain RTP, anchored by a running relay.
struct RelayedCall {
  std::shared_ptr<PortPool> pool = test_pool(43000, 43999);
  MediaEngine engine{pool, 1};
  NegotiationSettings settings = test_settings();
  CallMedia call{11, settings, [p = pool](std::string &e) { return p->allocate(e); }};
  UdpPhone a, b, a_rtcp, b_rtcp;
  std::string a_key = crypto_line();
  uint16_t relay_for_a = 0, relay_for_b = 0;
  std::unique_ptr<SrtpStream> a_out, a_in;

  explicit RelayedCall(const std::string &b_extra = "") {
    std::string error;
    REQUIRE(engine.start(error));
    const std::string a_sdp = audio_sdp(
        a.port, "RTP/SAVP", {a_key}, "a=rtcp:" + std::to_string(a_rtcp.port) + "\r\n", "127.0.0.1");
    SdpVerdict offer =
        call.offer(A, B, a_sdp, policy(SrtpMode::mandatory), policy(SrtpMode::avp_only));
    REQUIRE_FALSE(offer.refuse);
    relay_for_b = static_cast<uint16_t>(parsed(*offer.body).media[0].port);
    const std::string b_sdp =
        audio_sdp(b.port, "RTP/AVP", {}, "a=rtcp:" + std::to_string(b_rtcp.port) + "\r\n" + b_extra,
                  "127.0.0.1");
    SdpVerdict answer = call.answer(B, A, b_sdp, policy(SrtpMode::mandatory));
    REQUIRE(answer.command);
    relay_for_a = static_cast<uint16_t>(parsed(*answer.body).media[0].port);
    a_out = stream(a_key, Direction::outbound);
    a_in = stream(crypto_of(*answer.body).at(0), Direction::inbound);
    engine.post(std::move(*answer.command));
  }

  /// A sends `packet` (SRTP-protected) until B hears something; what B heard.
  std::vector<uint8_t> a_to_b(const std::vector<uint8_t> &plain) {
    a.send_to(relay_for_a, protect(*a_out, plain));
    return b.receive();
  }
};

}  // namespace

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
  for (uint16_t seq = 1; seq < 20 && c.a_to_b(rtp(0, seq)).empty(); ++seq) {
  }
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
  for (uint16_t seq = 1; seq < 20 && c.a_to_b(rtp(0, seq)).empty(); ++seq) {
  }
  auto bad = protect(*c.a_out, rtp(0, 50));
  bad[20] ^= 0x01;
  const uint64_t before = c.engine.totals().counter("dropped_tampered");
  c.a.send_to(c.relay_for_a, bad);
  CHECK(c.b.receive(300).empty());
  CHECK(c.engine.totals().counter("dropped_tampered") == before + 1);
  CHECK(c.a_to_b(rtp(0, 51)).size() == 172);  // the stream goes on
}

TEST_CASE("symmetric RTP: the relay answers where the callee really sends from") {
  RelayedCall c;
  for (uint16_t seq = 1; seq < 20 && c.a_to_b(rtp(0, seq)).empty(); ++seq) {
  }
  UdpPhone natted;  // the callee's packets come from another port than its SDP said
  natted.send_to(c.relay_for_b, rtp(0, 1));
  REQUIRE_FALSE(c.a.receive().empty());
  c.a.send_to(c.relay_for_a, protect(*c.a_out, rtp(0, 60)));
  CHECK_FALSE(natted.receive().empty());
  CHECK(c.b.receive(200).empty());
  // Another source right after is not taken: the latched one is alive.
  UdpPhone intruder;
  const uint64_t before = c.engine.totals().counter("dropped_foreign_source");
  intruder.send_to(c.relay_for_b, rtp(0, 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(c.engine.totals().counter("dropped_foreign_source") == before + 1);
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
