// tests/unit/srtp/srtp_stream_test.cpp: SRTP/SRTCP round trips per suite; tampered, replayed,
// misdirected, oversize and over-lifetime packets refused; SSRC bound.
#include "core/srtp_stream.hpp"

#include <doctest/doctest.h>

#include <string>

#include "srtp_test_support.hpp"

using namespace lineside::srtp;
using namespace lineside::srtp::test;

namespace {

constexpr size_t kPayload = 160;  // 20 ms of G.711: a 172-byte RTP packet

std::vector<uint8_t> head(const std::vector<uint8_t> &buffer, size_t len) {
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(len)};
}

size_t rtcp_growth(Suite suite) {
  return 4 + (suite == Suite::aead_aes_128_gcm ? 16 : 10);
}

}  // namespace

TEST_CASE("RTP and RTCP round trip for every available suite") {
  for (Suite suite : kAllSuites) {
    if (!suite_available(suite)) continue;
    CAPTURE(suite_name(suite));
    StreamPair pair = stream_pair(generate_crypto(1, suite));
    REQUIRE(pair.sender);
    REQUIRE(pair.receiver);
    for (uint16_t seq = 65500; seq != 40; ++seq) {  // across the 16-bit sequence wrap
      std::vector<uint8_t> buffer = rtp_packet(0x11223344, seq, kPayload);
      const std::vector<uint8_t> plain = head(buffer, 12 + kPayload);
      size_t len = plain.size();
      REQUIRE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
      CHECK(len == plain.size() + rtp_auth_tag_len(suite));
      CHECK(head(buffer, 12) == head(plain, 12));  // the header stays in clear
      CHECK(std::vector<uint8_t>(buffer.begin() + 12, buffer.begin() + 12 + kPayload) !=
            std::vector<uint8_t>(plain.begin() + 12, plain.end()));  // the payload does not
      REQUIRE(pair.receiver->unprotect_rtp(buffer.data(), len));
      CHECK(head(buffer, len) == plain);
    }
    for (int i = 0; i < 20; ++i) {
      std::vector<uint8_t> buffer = rtcp_packet(0x11223344);
      const std::vector<uint8_t> plain = head(buffer, 32);
      size_t len = plain.size();
      REQUIRE(pair.sender->protect_rtcp(buffer.data(), len, buffer.size()));
      CHECK(len == plain.size() + rtcp_growth(suite));
      CHECK(head(buffer, 8) == head(plain, 8));
      CHECK(head(buffer, 32) != plain);
      REQUIRE(pair.receiver->unprotect_rtcp(buffer.data(), len));
      CHECK(head(buffer, len) == plain);
    }
    CHECK(std::string(pair.receiver->last_failure()) == "ok");
  }
}

TEST_CASE("AES_CM_128_HMAC_SHA1_32 keeps the 80-bit tag on SRTCP (RFC 4568 6.2.2)") {
  StreamPair pair = stream_pair(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_32));
  std::vector<uint8_t> buffer = rtcp_packet(5);
  size_t len = 32;
  REQUIRE(pair.sender->protect_rtcp(buffer.data(), len, buffer.size()));
  CHECK(len == 32 + 4 + 10);
}

TEST_CASE("a tampered packet is refused and does not disturb the stream") {
  for (Suite suite : kAllSuites) {
    if (!suite_available(suite)) continue;
    CAPTURE(suite_name(suite));
    StreamPair pair = stream_pair(generate_crypto(1, suite));
    std::vector<uint8_t> buffer = rtp_packet(77, 1000, kPayload);
    size_t len = 12 + kPayload;
    REQUIRE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
    for (size_t flip : {size_t{3}, size_t{12 + 80}, len - 1}) {  // header, payload, tag
      CAPTURE(flip);
      std::vector<uint8_t> tampered = buffer;
      tampered[flip] ^= 0x01;
      size_t tampered_len = len;
      CHECK_FALSE(pair.receiver->unprotect_rtp(tampered.data(), tampered_len));
      CHECK(std::string(pair.receiver->last_failure()) == "authentication failed");
      CHECK(tampered_len == len);
    }
    size_t truncated = len - 1;
    std::vector<uint8_t> copy = buffer;
    CHECK_FALSE(pair.receiver->unprotect_rtp(copy.data(), truncated));
    REQUIRE(pair.receiver->unprotect_rtp(buffer.data(), len));  // the genuine one still passes

    std::vector<uint8_t> rtcp = rtcp_packet(77);
    size_t rtcp_len = 32;
    REQUIRE(pair.sender->protect_rtcp(rtcp.data(), rtcp_len, rtcp.size()));
    rtcp[20] ^= 0x80;
    CHECK_FALSE(pair.receiver->unprotect_rtcp(rtcp.data(), rtcp_len));
    CHECK(std::string(pair.receiver->last_failure()) == "authentication failed");
  }
}

TEST_CASE("a replayed packet is refused, a reordered one is not") {
  StreamPair pair = stream_pair(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80));
  std::vector<std::vector<uint8_t>> sent;
  std::vector<size_t> lengths;
  for (uint16_t seq = 1; seq <= 5; ++seq) {
    std::vector<uint8_t> buffer = rtp_packet(9, seq, kPayload);
    size_t len = 12 + kPayload;
    REQUIRE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
    sent.push_back(buffer);
    lengths.push_back(len);
  }
  for (int index : {0, 2, 1, 4, 3}) {  // out of order, within the replay window
    std::vector<uint8_t> copy = sent[static_cast<size_t>(index)];
    size_t len = lengths[static_cast<size_t>(index)];
    CHECK(pair.receiver->unprotect_rtp(copy.data(), len));
  }
  std::vector<uint8_t> again = sent[2];
  size_t len = lengths[2];
  CHECK_FALSE(pair.receiver->unprotect_rtp(again.data(), len));
  CHECK(std::string(pair.receiver->last_failure()) == "replayed packet");

  std::vector<uint8_t> rtcp = rtcp_packet(9);
  size_t rtcp_len = 32;
  REQUIRE(pair.sender->protect_rtcp(rtcp.data(), rtcp_len, rtcp.size()));
  std::vector<uint8_t> rtcp_copy = rtcp;
  size_t copy_len = rtcp_len;
  CHECK(pair.receiver->unprotect_rtcp(rtcp.data(), rtcp_len));
  CHECK_FALSE(pair.receiver->unprotect_rtcp(rtcp_copy.data(), copy_len));
  CHECK(std::string(pair.receiver->last_failure()) == "replayed packet");
}

TEST_CASE("another key does not decrypt") {
  std::string error;
  auto sender = SrtpStream::create(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80),
                                   Direction::outbound, error);
  auto stranger = SrtpStream::create(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80),
                                     Direction::inbound, error);
  std::vector<uint8_t> buffer = rtp_packet(1, 1, kPayload);
  size_t len = 12 + kPayload;
  REQUIRE(sender->protect_rtp(buffer.data(), len, buffer.size()));
  CHECK_FALSE(stranger->unprotect_rtp(buffer.data(), len));
}

TEST_CASE("bad calls are refused with a reason and leave the packet untouched") {
  StreamPair pair = stream_pair(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80));
  std::vector<uint8_t> buffer = rtp_packet(1, 1, kPayload);
  const std::vector<uint8_t> original = buffer;
  size_t len = 12 + kPayload;
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), len, len + 9));
  CHECK(std::string(pair.sender->last_failure()) == "no room for the SRTP tag");
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), len, len - 1));
  CHECK_FALSE(pair.receiver->protect_rtp(buffer.data(), len, buffer.size()));
  CHECK(std::string(pair.receiver->last_failure()) == "protect called on an inbound stream");
  CHECK_FALSE(pair.sender->unprotect_rtp(buffer.data(), len));
  CHECK_FALSE(pair.sender->protect_rtcp(buffer.data(), len, len + 13));
  CHECK(std::string(pair.sender->last_failure()) == "no room for the SRTCP tag");
  CHECK(buffer == original);
  CHECK(len == 12 + kPayload);

  size_t short_len = 11;
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), short_len, buffer.size()));
  CHECK(std::string(pair.sender->last_failure()) == "packet shorter than its header");
  short_len = 7;
  CHECK_FALSE(pair.receiver->unprotect_rtcp(buffer.data(), short_len));
  CHECK_FALSE(pair.sender->protect_rtp(nullptr, len, buffer.size()));
  size_t huge = SrtpStream::kMaxPacket + 1;
  CHECK_FALSE(pair.receiver->unprotect_rtp(buffer.data(), huge));
  buffer[0] = 0x40;  // version 1
  CHECK_FALSE(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
  CHECK(std::string(pair.sender->last_failure()) == "not an RTP/RTCP version 2 packet");
}

TEST_CASE("create refuses keys of the wrong length and impossible lifetimes") {
  std::string error;
  CryptoAttribute attr = generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80);
  attr.key_salt.pop_back();
  CHECK_FALSE(SrtpStream::create(attr, Direction::outbound, error));
  CHECK(error == "SRTP key is 29 bytes, AES_CM_128_HMAC_SHA1_80 needs 30");
  attr = generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80);
  attr.lifetime = 0;
  CHECK_FALSE(SrtpStream::create(attr, Direction::inbound, error));
  CHECK(error == "SRTP key lifetime must be from 1 to 2^48 packets");
}

TEST_CASE("the key lifetime is honoured per RTP and per RTCP") {
  CryptoAttribute attr = generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80);
  attr.lifetime = 4;
  StreamPair pair = stream_pair(attr);
  for (uint16_t seq = 1; seq <= 5; ++seq) {
    std::vector<uint8_t> buffer = rtp_packet(3, seq, kPayload);
    size_t len = 12 + kPayload;
    bool protected_ok = pair.sender->protect_rtp(buffer.data(), len, buffer.size());
    CHECK(protected_ok == (seq <= 4));
    if (protected_ok) CHECK(pair.receiver->unprotect_rtp(buffer.data(), len));
  }
  CHECK(std::string(pair.sender->last_failure()) == "master key lifetime reached");
  std::vector<uint8_t> rtcp = rtcp_packet(3);
  size_t len = 32;
  CHECK(pair.sender->protect_rtcp(rtcp.data(), len, rtcp.size()));
}

TEST_CASE("one stream serves several SSRCs, up to its bound") {
  StreamPair pair = stream_pair(generate_crypto(1, Suite::aes_cm_128_hmac_sha1_80));
  for (uint32_t ssrc = 1; ssrc <= SrtpStream::kMaxSsrcs + 1; ++ssrc) {
    std::vector<uint8_t> buffer = rtp_packet(ssrc, 100, kPayload);
    size_t len = 12 + kPayload;
    bool accepted = pair.sender->protect_rtp(buffer.data(), len, buffer.size());
    CHECK(accepted == (ssrc <= SrtpStream::kMaxSsrcs));
    if (accepted) CHECK(pair.receiver->unprotect_rtp(buffer.data(), len));
  }
  CHECK(std::string(pair.sender->last_failure()) == "too many SSRCs on one stream");
  std::vector<uint8_t> buffer = rtp_packet(1, 101, kPayload);  // a known SSRC still flows
  size_t len = 12 + kPayload;
  CHECK(pair.sender->protect_rtp(buffer.data(), len, buffer.size()));
  CHECK(pair.receiver->unprotect_rtp(buffer.data(), len));
}
