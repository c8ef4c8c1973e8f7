// srtp-media/core/srtp_stream.hpp: one direction of one call leg's SRTP/SRTCP, on libsrtp2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto_suite.hpp"
#include "core/sdes_attribute.hpp"

namespace lineside::srtp {

enum class Direction { inbound, outbound };

/// A libsrtp2 session keyed from one a=crypto attribute, for one direction: outbound protects
/// RTP/RTCP from the plain side into SRTP/SRTCP, inbound authenticates and decrypts what a phone
/// sent. Any SSRC is accepted (up to kMaxSsrcs per stream); replays are refused; the key
/// lifetime of the attribute, if any, is honoured.
/// THREAD: one thread at a time (a media thread); different streams may run in parallel.
class SrtpStream {
 public:
  /// Bytes protect may append: the tag (<= 16) and, for SRTCP, the 4-byte E+index word.
  static constexpr size_t kMaxTrailer = 32;
  /// Distinct SSRCs one stream keeps replay state for; packets of further SSRCs are refused
  /// (a sender spraying SSRCs cannot grow memory without bound).
  static constexpr size_t kMaxSsrcs = 64;
  /// Largest packet accepted (a UDP datagram).
  static constexpr size_t kMaxPacket = 65535;

  /// nullptr with `error` set when the suite is unavailable, the key has the wrong length, or
  /// libsrtp2 refuses the session. Installs the OpenSSL backend first (install_srtp_backend).
  /// The key is not kept: libsrtp2 derives the session keys at once.
  static std::unique_ptr<SrtpStream> create(const CryptoAttribute &attr, Direction direction,
                                            std::string &error);
  ~SrtpStream();  // srtp_dealloc (libsrtp2 zeroes the session keys)
  SrtpStream(const SrtpStream &) = delete;
  SrtpStream &operator=(const SrtpStream &) = delete;

  /// Outbound only. RTP -> SRTP in place; `len` grows by the tag. False (packet untouched) if
  /// capacity < len + trailer, the packet is not RTP, or libsrtp2 refuses it (see last_failure).
  bool protect_rtp(uint8_t *buf, size_t &len, size_t capacity);
  /// Inbound only. SRTP -> RTP in place; false for a tampered, replayed or malformed packet.
  bool unprotect_rtp(uint8_t *buf, size_t &len);
  /// Outbound only. RTCP -> SRTCP in place (E flag, index and tag appended).
  bool protect_rtcp(uint8_t *buf, size_t &len, size_t capacity);
  /// Inbound only. SRTCP -> RTCP in place; false for a tampered, replayed or malformed packet.
  bool unprotect_rtcp(uint8_t *buf, size_t &len);

  /// Why the last call returned false ("authentication failed", "replayed packet", ...): static
  /// text, never key material. "ok" after a success.
  [[nodiscard]] const char *last_failure() const { return last_failure_; }
  [[nodiscard]] Suite suite() const { return suite_; }
  [[nodiscard]] Direction direction() const { return direction_; }

 private:
  SrtpStream(void *session, Suite suite, Direction direction, size_t rtp_trailer,
             size_t rtcp_trailer, std::optional<uint64_t> lifetime);
  bool admit(Direction wanted, const uint8_t *buf, size_t len, size_t min_len, size_t ssrc_at,
             uint64_t used);
  void remember_ssrc();
  bool fail(const char *why);

  void *session_;  // srtp_t
  Suite suite_;
  Direction direction_;
  size_t rtp_trailer_;
  size_t rtcp_trailer_;
  uint64_t lifetime_;  // packets per key, for RTP and for RTCP separately
  uint64_t rtp_packets_ = 0;
  uint64_t rtcp_packets_ = 0;
  uint32_t pending_ssrc_ = 0;
  bool pending_is_new_ = false;
  std::vector<uint32_t> ssrcs_;
  const char *last_failure_ = "ok";
};

}  // namespace lineside::srtp
