// tests/unit/srtp/srtp_test_support.hpp: hex helpers, RTP/RTCP packet builders, stream pairs.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sdes_attribute.hpp"
#include "core/srtp_stream.hpp"

namespace lineside::srtp::test {

inline std::vector<uint8_t> from_hex(std::string_view hex) {
  std::vector<uint8_t> out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int high = -1;
  for (char c : hex) {
    int value = nibble(c);
    if (value < 0) continue;  // spaces between groups
    if (high < 0) {
      high = value;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | value));
      high = -1;
    }
  }
  return out;
}

/// A version-2 RTP packet: PT 0 (PCMU), the given SSRC and sequence number, `payload_len`
/// payload bytes of a pattern that depends on seq; `room` spare bytes at the end for the tag.
inline std::vector<uint8_t> rtp_packet(uint32_t ssrc, uint16_t seq, size_t payload_len,
                                       size_t room = SrtpStream::kMaxTrailer) {
  std::vector<uint8_t> packet(12 + payload_len + room, 0);
  packet[0] = 0x80;
  packet[1] = 0x00;
  packet[2] = static_cast<uint8_t>(seq >> 8);
  packet[3] = static_cast<uint8_t>(seq);
  uint32_t timestamp = uint32_t{seq} * 160;
  for (int i = 0; i < 4; ++i) packet[4 + i] = static_cast<uint8_t>(timestamp >> (24 - 8 * i));
  for (int i = 0; i < 4; ++i) packet[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
  for (size_t i = 0; i < payload_len; ++i) packet[12 + i] = static_cast<uint8_t>(seq * 7 + i);
  return packet;
}

/// An RTCP receiver report (PT 201) with one report block: 32 bytes, sender SSRC at 4.
inline std::vector<uint8_t> rtcp_packet(uint32_t ssrc, size_t room = SrtpStream::kMaxTrailer) {
  std::vector<uint8_t> packet(32 + room, 0);
  packet[0] = 0x81;
  packet[1] = 201;
  packet[3] = 7;  // length in 32-bit words minus one
  for (int i = 0; i < 4; ++i) packet[4 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
  for (size_t i = 8; i < 32; ++i) packet[i] = static_cast<uint8_t>(i * 3);
  return packet;
}

inline CryptoAttribute attribute(Suite suite, std::vector<uint8_t> key_salt) {
  CryptoAttribute attr;
  attr.suite = suite;
  attr.key_salt = std::move(key_salt);
  return attr;
}

/// Outbound and inbound streams keyed alike, as the two ends of one SRTP leg.
struct StreamPair {
  std::unique_ptr<SrtpStream> sender;
  std::unique_ptr<SrtpStream> receiver;
};

inline StreamPair stream_pair(const CryptoAttribute &attr) {
  std::string error;
  StreamPair pair{SrtpStream::create(attr, Direction::outbound, error),
                  SrtpStream::create(attr, Direction::inbound, error)};
  INFO(error);
  REQUIRE(pair.sender);
  REQUIRE(pair.receiver);
  return pair;
}

}  // namespace lineside::srtp::test
