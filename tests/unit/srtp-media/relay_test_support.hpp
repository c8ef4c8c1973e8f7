// tests/unit/srtp-media/relay_test_support.hpp: phones on loopback UDP sockets, RTP packets, and
// a call anchored by a running relay (SRTP caller, plain callee) for the relay's unit tests.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "core/srtp_stream.hpp"
#include "media_engine.hpp"
#include "media_test_support.hpp"

namespace lineside::media::test {

inline constexpr uint32_t A = kCallerLeg;
inline constexpr uint32_t B = 1;

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
  UdpPhone(const UdpPhone &) = delete;
  UdpPhone &operator=(const UdpPhone &) = delete;
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

inline std::vector<uint8_t> rtp(uint8_t pt, uint16_t seq, size_t payload = 160) {
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

inline std::vector<uint8_t> protect(srtp::SrtpStream &s, std::vector<uint8_t> p,
                                    bool rtcp = false) {
  size_t len = p.size();
  p.resize(len + srtp::SrtpStream::kMaxTrailer);
  REQUIRE(
      (rtcp ? s.protect_rtcp(p.data(), len, p.size()) : s.protect_rtp(p.data(), len, p.size())));
  p.resize(len);
  return p;
}

inline std::unique_ptr<srtp::SrtpStream> stream(const std::string &crypto_value,
                                                srtp::Direction d) {
  std::string error;
  auto s = srtp::SrtpStream::create(*srtp::parse_crypto(crypto_value).attr, d, error);
  REQUIRE_MESSAGE(s, error);
  return s;
}

/// A running relay: one media thread over a port range no other test file uses.
struct TestRelay {
  std::shared_ptr<PortPool> pool = test_pool(43000, 43999);
  MediaEngine engine{pool, 1};
  TestRelay() {
    std::string error;
    REQUIRE_MESSAGE(engine.start(error), error);
  }
};

/// A call: caller A on SRTP (mandatory), callee B on plain RTP, anchored by a running relay
/// (its own, or `shared` with other calls).
struct RelayedCall {
  std::shared_ptr<TestRelay> relay;
  std::shared_ptr<PortPool> &pool;
  MediaEngine &engine;
  NegotiationSettings settings = test_settings();
  CallMedia call;
  UdpPhone a, b, a_rtcp, b_rtcp;
  std::string a_key = crypto_line();
  uint16_t relay_for_a = 0, relay_for_b = 0;
  std::unique_ptr<srtp::SrtpStream> a_out, a_in;

  explicit RelayedCall(const std::string &b_extra = "", std::shared_ptr<TestRelay> shared = {},
                       uint64_t call_id = 11)
      : relay(shared ? std::move(shared) : std::make_shared<TestRelay>()),
        pool(relay->pool),
        engine(relay->engine),
        call(call_id, settings, [p = relay->pool](std::string &e) { return p->allocate(e); }) {
    const SdpVerdict offer =
        call.offer(A, B, a_sdp(), policy(SrtpMode::mandatory), policy(SrtpMode::avp_only));
    REQUIRE_FALSE(offer.refuse);
    relay_for_b = static_cast<uint16_t>(parsed(*offer.body).media[0].port);
    SdpVerdict answer = call.answer(B, A, b_sdp(b.port, b_extra), policy(SrtpMode::mandatory));
    REQUIRE(answer.command);
    relay_for_a = static_cast<uint16_t>(parsed(*answer.body).media[0].port);
    a_out = stream(a_key, srtp::Direction::outbound);
    a_in = stream(crypto_of(*answer.body).at(0), srtp::Direction::inbound);
    engine.post(std::move(*answer.command));
  }

  /// A's SDP (the same key every time).
  [[nodiscard]] std::string a_sdp() const {
    return audio_sdp(a.port, "RTP/SAVP", {a_key}, "a=rtcp:" + std::to_string(a_rtcp.port) + "\r\n",
                     "127.0.0.1");
  }
  /// B's SDP naming RTP port `port`.
  [[nodiscard]] std::string b_sdp(uint16_t port, const std::string &extra = "") const {
    return audio_sdp(port, "RTP/AVP", {}, "a=rtcp:" + std::to_string(b_rtcp.port) + "\r\n" + extra,
                     "127.0.0.1");
  }

  /// A sends `plain` (SRTP-protected); what B heard.
  std::vector<uint8_t> a_to_b(const std::vector<uint8_t> &plain) {
    a.send_to(relay_for_a, protect(*a_out, plain));
    return b.receive();
  }
  /// A sends until B hears (the relay has the call); true when it did.
  bool prime() {
    for (uint16_t seq = 1; seq < 20; ++seq) {
      if (!a_to_b(rtp(0, seq)).empty()) return true;
    }
    return false;
  }
};

}  // namespace lineside::media::test
