// srtp-media/core/srtp_stream.cpp: SrtpStream: libsrtp2 session per direction, guarded inputs.
#include "core/srtp_stream.hpp"

#include <srtp2/srtp.h>

#include <algorithm>
#include <climits>

#include "core/srtp_backend.hpp"
#include "core/srtp_status.hpp"

namespace lineside::srtp {
namespace {

constexpr size_t kRtpHeaderLen = 12;  // RFC 3550 §5.1 fixed header; SSRC at offset 8
constexpr size_t kRtcpHeaderLen = 8;  // RFC 3550 §6.4 common header + sender SSRC at offset 4
constexpr int kReplayWindow = 128;    // packets (RFC 3711 §3.3.2 asks for at least 64)

srtp_t as_session(void *session) {
  return static_cast<srtp_t>(session);
}

void set_policies(Suite suite, srtp_policy_t &policy) {
  switch (suite) {
    case Suite::aes_cm_128_hmac_sha1_80:
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
      break;
    case Suite::aes_cm_128_hmac_sha1_32:
      // RFC 4568 §6.2.2: the 32-bit tag is for SRTP only; SRTCP keeps the 80-bit tag.
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
      break;
    case Suite::aead_aes_128_gcm:
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
      break;
  }
}

uint32_t read_u32(const uint8_t *p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

std::unique_ptr<SrtpStream> SrtpStream::create(const CryptoAttribute &attr, Direction direction,
                                               std::string &error) {
  if (!install_srtp_backend(error)) return nullptr;
  if (!suite_available(attr.suite)) {
    error = std::string(suite_name(attr.suite)) + " is not available in this libsrtp2 build";
    return nullptr;
  }
  size_t expected = master_key_salt_len(attr.suite);
  if (attr.key_salt.size() != expected) {
    error = "SRTP key is " + std::to_string(attr.key_salt.size()) + " bytes, " +
            suite_name(attr.suite) + " needs " + std::to_string(expected);
    return nullptr;
  }
  if (attr.lifetime && (*attr.lifetime == 0 || *attr.lifetime > kMaxKeyLifetime)) {
    error = "SRTP key lifetime must be from 1 to 2^48 packets";
    return nullptr;
  }

  srtp_policy_t policy{};
  set_policies(attr.suite, policy);
  policy.ssrc.type = direction == Direction::outbound ? ssrc_any_outbound : ssrc_any_inbound;
  // libsrtp2 only reads the key (const in spirit) while deriving the session keys in srtp_create.
  policy.key = const_cast<unsigned char *>(attr.key_salt.data());
  policy.window_size = kReplayWindow;
  policy.allow_repeat_tx = 0;  // a repeated index would reuse keystream

  srtp_t session = nullptr;
  srtp_err_status_t status = srtp_create(&session, &policy);
  if (status != srtp_err_status_ok) {
    error = std::string("libsrtp2 could not create the SRTP session (") + srtp_status_text(status) +
            ")";
    return nullptr;
  }
  uint32_t rtp_trailer = 0;
  uint32_t rtcp_trailer = 0;
  if (srtp_get_protect_trailer_length(session, 0, 0, &rtp_trailer) != srtp_err_status_ok ||
      srtp_get_protect_rtcp_trailer_length(session, 0, 0, &rtcp_trailer) != srtp_err_status_ok ||
      rtp_trailer > kMaxTrailer || rtcp_trailer > kMaxTrailer) {
    srtp_dealloc(session);
    error = "libsrtp2 reports an SRTP trailer longer than this relay reserves";
    return nullptr;
  }
  // The RTCP trailer length includes the 4-byte SRTCP E+index word.
  return std::unique_ptr<SrtpStream>(
      new SrtpStream(session, attr.suite, direction, rtp_trailer, rtcp_trailer, attr.lifetime));
}

SrtpStream::SrtpStream(void *session, Suite suite, Direction direction, size_t rtp_trailer,
                       size_t rtcp_trailer, std::optional<uint64_t> lifetime)
    : session_(session),
      suite_(suite),
      direction_(direction),
      rtp_trailer_(rtp_trailer),
      rtcp_trailer_(rtcp_trailer),
      lifetime_(lifetime.value_or(kMaxKeyLifetime)) {
  ssrcs_.reserve(4);
}

SrtpStream::~SrtpStream() {
  srtp_dealloc(as_session(session_));
}

bool SrtpStream::fail(const char *why) {
  last_failure_ = why;
  return false;
}

// Checks common to the four operations; records the packet's SSRC for remember_ssrc().
bool SrtpStream::admit(Direction wanted, const uint8_t *buf, size_t len, size_t min_len,
                       size_t ssrc_at, uint64_t used) {
  if (direction_ != wanted) {
    return fail(wanted == Direction::outbound ? "protect called on an inbound stream"
                                              : "unprotect called on an outbound stream");
  }
  if (buf == nullptr || len < min_len) return fail("packet shorter than its header");
  if (len > kMaxPacket) return fail("packet longer than a UDP datagram");
  if ((buf[0] >> 6) != 2) return fail("not an RTP/RTCP version 2 packet");
  if (used >= lifetime_) return fail("master key lifetime reached");
  pending_ssrc_ = read_u32(buf + ssrc_at);
  pending_is_new_ = std::find(ssrcs_.begin(), ssrcs_.end(), pending_ssrc_) == ssrcs_.end();
  if (pending_is_new_ && ssrcs_.size() >= kMaxSsrcs) return fail("too many SSRCs on one stream");
  return true;
}

void SrtpStream::remember_ssrc() {
  if (pending_is_new_) ssrcs_.push_back(pending_ssrc_);
  last_failure_ = "ok";
}

bool SrtpStream::protect_rtp(uint8_t *buf, size_t &len, size_t capacity) {
  if (!admit(Direction::outbound, buf, len, kRtpHeaderLen, 8, rtp_packets_)) return false;
  if (capacity < len || capacity - len < rtp_trailer_) return fail("no room for the SRTP tag");
  int octets = static_cast<int>(len);
  srtp_err_status_t status = srtp_protect(as_session(session_), buf, &octets);
  if (status != srtp_err_status_ok) return fail(srtp_status_text(status));
  len = static_cast<size_t>(octets);
  ++rtp_packets_;
  remember_ssrc();
  return true;
}

bool SrtpStream::unprotect_rtp(uint8_t *buf, size_t &len) {
  if (!admit(Direction::inbound, buf, len, kRtpHeaderLen, 8, rtp_packets_)) return false;
  int octets = static_cast<int>(len);
  srtp_err_status_t status = srtp_unprotect(as_session(session_), buf, &octets);
  if (status != srtp_err_status_ok) return fail(srtp_status_text(status));
  len = static_cast<size_t>(octets);
  ++rtp_packets_;
  remember_ssrc();
  return true;
}

bool SrtpStream::protect_rtcp(uint8_t *buf, size_t &len, size_t capacity) {
  if (!admit(Direction::outbound, buf, len, kRtcpHeaderLen, 4, rtcp_packets_)) return false;
  if (capacity < len || capacity - len < rtcp_trailer_) return fail("no room for the SRTCP tag");
  int octets = static_cast<int>(len);
  srtp_err_status_t status = srtp_protect_rtcp(as_session(session_), buf, &octets);
  if (status != srtp_err_status_ok) return fail(srtp_status_text(status));
  len = static_cast<size_t>(octets);
  ++rtcp_packets_;
  remember_ssrc();
  return true;
}

bool SrtpStream::unprotect_rtcp(uint8_t *buf, size_t &len) {
  if (!admit(Direction::inbound, buf, len, kRtcpHeaderLen, 4, rtcp_packets_)) return false;
  int octets = static_cast<int>(len);
  srtp_err_status_t status = srtp_unprotect_rtcp(as_session(session_), buf, &octets);
  if (status != srtp_err_status_ok) return fail(srtp_status_text(status));
  len = static_cast<size_t>(octets);
  ++rtcp_packets_;
  remember_ssrc();
  return true;
}

}  // namespace lineside::srtp
