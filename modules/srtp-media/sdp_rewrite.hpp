// srtp-media/sdp_rewrite.hpp: turning an SDP received from one leg into the SDP sent to the other:
// the relay's address and ports, the receiving leg's profile and keys, nothing end to end left.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sdes_attribute.hpp"
#include "sdp_session.hpp"
#include "stream_description.hpp"

namespace lineside::media {

/// o= and c= name the relay (`family` AF_INET / AF_INET6); the session-level attributes that
/// describe the far end's transport (ICE, DTLS fingerprint/setup, BUNDLE groups, a direction that
/// is now set per m-line) and k= are removed.
void rewrite_session(SdpSession &sdp, const std::string &address, int family);

/// How one anchored m-line is sent.
struct MediaShape {
  uint16_t port = 0;
  RtpProfile profile = RtpProfile::avp;  ///< keeps its feedback-ness (AVPF stays AVPF)
  bool secure = false;                   ///< RTP/SAVP(F)
  MediaDirection direction = MediaDirection::sendrecv;
  bool rtcp_mux = false;
  std::vector<srtp::CryptoAttribute> crypto;  ///< a=crypto lines to add, in order
};

/// Rewrites an anchored m-line: port, proto, direction, rtcp-mux and a=crypto from `shape`;
/// the media c= line, the far end's a=crypto, a=rtcp, ICE and DTLS attributes removed.
void shape_media(SdpMedia &m, const MediaShape &shape);

/// Disables an m-line (port 0) and strips the same transport attributes.
void disable_media(SdpMedia &m);

}  // namespace lineside::media
