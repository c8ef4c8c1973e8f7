// tests/unit/srtp-media/media_test_support.hpp: SDP builders, a port pool on a high loopback
// range, and a negotiation harness for the srtp-media unit tests.
#pragma once

#include <doctest/doctest.h>
#include <sys/socket.h>

#include <memory>
#include <string>
#include <vector>

#include "call_media.hpp"
#include "core/sdes_attribute.hpp"
#include "port_pool.hpp"
#include "sdp_session.hpp"

namespace lineside::media::test {

/// An audio offer from 127.0.0.2:`port` with PCMU, PCMA and telephone-event.
/// `proto` "RTP/AVP" or "RTP/SAVP"; `crypto` whole a=crypto values; `extra` more media lines.
inline std::string audio_sdp(uint16_t port, const std::string &proto = "RTP/AVP",
                             const std::vector<std::string> &crypto = {},
                             const std::string &extra = "",
                             const std::string &address = "127.0.0.2",
                             const std::string &formats = "0 8 101") {
  std::string s = "v=0\r\no=phone 100 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address +
                  "\r\nt=0 0\r\nm=audio " + std::to_string(port) + " " + proto + " " + formats +
                  "\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                  "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n";
  for (const auto &c : crypto) s += "a=crypto:" + c + "\r\n";
  return s + extra;
}

/// A fresh a=crypto value for `suite` with `tag`.
inline std::string crypto_line(uint32_t tag = 1,
                               srtp::Suite suite = srtp::Suite::aes_cm_128_hmac_sha1_80) {
  return srtp::format_crypto(srtp::generate_crypto(tag, suite));
}

/// Parse or fail the test.
inline SdpSession parsed(const std::string &body) {
  SdpParse p = parse_sdp(body);
  REQUIRE_MESSAGE(p.session.has_value(), p.error);
  return *p.session;
}

/// The a=crypto values of m-line `i` of `body`.
inline std::vector<std::string> crypto_of(const std::string &body, size_t i = 0) {
  std::vector<std::string> out;
  const SdpSession sdp = parsed(body);
  for (auto v : sdp.media.at(i).attributes("crypto")) out.emplace_back(v);
  return out;
}

/// The key||salt of an a=crypto value.
inline std::vector<uint8_t> key_of(const std::string &crypto_value) {
  auto p = srtp::parse_crypto(crypto_value);
  REQUIRE_MESSAGE(p.attr.has_value(), p.error);
  return p.attr->key_salt;
}

/// A pool on 127.0.0.1 in a range no other test uses.
inline std::shared_ptr<PortPool> test_pool(uint16_t min = 41000, uint16_t max = 41999) {
  return PortPool::create(*SocketAddress::from_numeric("127.0.0.1", 0), min, max, 0);
}

inline NegotiationSettings test_settings() {
  NegotiationSettings s;
  s.address = "127.0.0.1";
  s.family = AF_INET;
  s.suites = {srtp::Suite::aes_cm_128_hmac_sha1_80, srtp::Suite::aes_cm_128_hmac_sha1_32};
  s.audio_codecs = {"PCMU", "PCMA", "telephone-event"};
  return s;
}

inline LegPolicy policy(SrtpMode mode, bool keys_allowed = true) {
  return LegPolicy{mode, keys_allowed};
}

/// One call's negotiation with its own pool.
struct Negotiation {
  NegotiationSettings settings = test_settings();
  std::shared_ptr<PortPool> pool;
  CallMedia call;

  explicit Negotiation(uint16_t min = 41000, uint16_t max = 41999)
      : pool(test_pool(min, max)),
        call(7, settings, [p = pool](std::string &e) { return p->allocate(e); }) {}
};

}  // namespace lineside::media::test
