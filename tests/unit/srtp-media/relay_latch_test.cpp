// tests/unit/srtp-media/relay_latch_test.cpp: symmetric RTP on real loopback sockets: a phone
// sending from another address than its SDP is latched, a silent source is replaced, a re-INVITE
// moves the leg at once, and a leg whose port refuses our packets (ICMP) stalls nothing.
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "relay_test_support.hpp"

using namespace lineside::media;
using namespace lineside::media::test;

namespace {

using Clock = std::chrono::steady_clock;

int64_t ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

/// `phone` sends B's packet until A hears one (at most `limit_ms`); how long that took, or -1.
int64_t until_a_hears(RelayedCall &c, const UdpPhone &phone, int64_t limit_ms) {
  const auto start = Clock::now();
  for (uint16_t seq = 1; ms_since(start) < limit_ms; ++seq) {
    phone.send_to(c.relay_for_b, rtp(0, seq));
    if (!c.a.receive(100).empty()) return ms_since(start);
  }
  return -1;
}

/// A sends until `phone` hears (the relay may still be applying a command); true when it did.
bool b_side_hears(RelayedCall &c, const UdpPhone &phone, uint16_t first_seq) {
  for (uint16_t seq = first_seq; seq < first_seq + 20; ++seq) {
    c.a.send_to(c.relay_for_a, protect(*c.a_out, rtp(0, seq)));
    if (!phone.receive(100).empty()) return true;
  }
  return false;
}

/// The host's count of ICMP destination-unreachable messages sent (/proc/net/snmp), or -1.
int64_t icmp_unreachables_sent() {
  std::ifstream snmp("/proc/net/snmp");
  std::string names, values;
  while (std::getline(snmp, names) && std::getline(snmp, values)) {
    if (names.rfind("Icmp:", 0) != 0) continue;
    std::istringstream n(names), v(values);
    std::string name, value;
    while (n >> name && v >> value) {
      if (name == "OutDestUnreachs") return std::stoll(value);
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("a callee sending from another address than its SDP is latched; others are not heard") {
  RelayedCall c;
  REQUIRE(c.prime());  // before the callee sends, its SDP address gets the media
  UdpPhone natted;     // the callee's packets come from another port than its SDP said
  natted.send_to(c.relay_for_b, rtp(0, 1));
  REQUIRE_FALSE(c.a.receive().empty());
  c.a.send_to(c.relay_for_a, protect(*c.a_out, rtp(0, 60)));
  CHECK_FALSE(natted.receive().empty());
  CHECK(c.b.receive(200).empty());

  // Another source while the latched one is alive is not relayed, and takes nothing over.
  UdpPhone intruder;
  intruder.send_to(c.relay_for_b, rtp(0, 2));
  CHECK(c.a.receive(200).empty());
  c.a.send_to(c.relay_for_a, protect(*c.a_out, rtp(0, 61)));
  CHECK_FALSE(natted.receive().empty());
  CHECK(intruder.receive(200).empty());
  natted.send_to(c.relay_for_b, rtp(0, 3));
  CHECK_FALSE(c.a.receive().empty());
}

TEST_CASE("once the latched source has been silent for 2 s a new source takes over") {
  RelayedCall c;
  REQUIRE(c.prime());
  UdpPhone natted;
  REQUIRE(until_a_hears(c, natted, 1000) >= 0);
  const auto silent_since = Clock::now();

  UdpPhone rebound;  // the same phone after its NAT binding changed
  const int64_t waited = until_a_hears(c, rebound, 5000);
  const int64_t since_silence = ms_since(silent_since);
  REQUIRE(waited >= 0);
  CHECK(since_silence >= kRelatchAfterSilenceMs - 100);
  CHECK(since_silence < kRelatchAfterSilenceMs + 1500);
  CHECK(b_side_hears(c, rebound, 100));
  CHECK(natted.receive(200).empty());
}

TEST_CASE("a re-INVITE that moves the callee is followed at once, without waiting for silence") {
  RelayedCall c;
  REQUIRE(c.prime());
  UdpPhone natted;
  REQUIRE(until_a_hears(c, natted, 1000) >= 0);

  UdpPhone moved;
  REQUIRE_FALSE(
      c.call.offer(A, B, c.a_sdp(), policy(SrtpMode::mandatory), policy(SrtpMode::avp_only))
          .refuse);
  SdpVerdict answer = c.call.answer(B, A, c.b_sdp(moved.port), policy(SrtpMode::mandatory));
  REQUIRE(answer.command);
  c.engine.post(std::move(*answer.command));
  CHECK(b_side_hears(c, moved, 100));  // the new SDP address, not the old latched source
  const int64_t waited = until_a_hears(c, moved, 1500);
  CHECK(waited >= 0);
  CHECK(waited < 1000);
}

TEST_CASE("a callee whose port refuses our packets (ICMP) stalls neither its stream nor others") {
  auto relay = std::make_shared<TestRelay>();
  RelayedCall refused(std::string{}, relay, 11);
  RelayedCall other(std::string{}, relay, 12);
  REQUIRE(refused.prime());
  REQUIRE(other.prime());

  // A socket connected elsewhere: it can send to the relay, but whatever the relay sends back is
  // refused by the kernel with ICMP port unreachable to the relay's socket (a connected relay
  // socket would see it as ECONNREFUSED on its next read or send).
  UdpPhone refusing;
  sockaddr_in elsewhere{};
  elsewhere.sin_family = AF_INET;
  elsewhere.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  elsewhere.sin_port = htons(9);
  REQUIRE(::connect(refusing.fd, reinterpret_cast<sockaddr *>(&elsewhere), sizeof elsewhere) == 0);
  REQUIRE(until_a_hears(refused, refusing, 1000) >= 0);

  const int64_t unreachables_before = icmp_unreachables_sent();
  int from_refusing = 0, other_a_to_b = 0, other_b_to_a = 0;
  constexpr int kRounds = 30;
  for (uint16_t seq = 100; seq < 100 + kRounds; ++seq) {
    refused.a.send_to(refused.relay_for_a, protect(*refused.a_out, rtp(0, seq)));
    refusing.send_to(refused.relay_for_b, rtp(0, seq));
    if (!refused.a.receive(300).empty()) ++from_refusing;
    if (!other.a_to_b(rtp(0, seq)).empty()) ++other_a_to_b;
    other.b.send_to(other.relay_for_b, rtp(0, seq));
    if (!other.a.receive(300).empty()) ++other_b_to_a;
  }
  if (unreachables_before >= 0) {  // the relay's packets were refused with ICMP, as intended
    CHECK(icmp_unreachables_sent() - unreachables_before >= kRounds);
  }
  CHECK(from_refusing == kRounds);
  CHECK(other_a_to_b == kRounds);
  CHECK(other_b_to_a == kRounds);
  CHECK(refusing.receive(100).empty());
}
