// srtp-media/stream_description.hpp: what one m-line says about its RTP stream: address, ports,
// profile, direction (hold), rtcp-mux.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sdp_session.hpp"

namespace lineside::media {

/// a=sendrecv / sendonly / recvonly / inactive, from the SDP author's point of view.
enum class MediaDirection { sendrecv, sendonly, recvonly, inactive };

[[nodiscard]] const char *direction_name(MediaDirection d);
/// True when the author of the SDP wants to receive media (sendrecv or recvonly).
[[nodiscard]] bool wants_to_receive(MediaDirection d);
/// True when the author will send media (sendrecv or sendonly).
[[nodiscard]] bool will_send(MediaDirection d);

/// RTP profile family of an m-line.
enum class RtpProfile { none, avp, avpf, savp, savpf };

/// "RTP/AVP" -> avp ... ; none for anything that is not RTP (udptl, UDP/TLS/RTP/SAVPF, ...).
[[nodiscard]] RtpProfile profile_from_proto(std::string_view proto);
[[nodiscard]] bool is_secure(RtpProfile p);
/// The proto text of `p` with its feedback-ness, secure or not: ("RTP/AVPF", secure) -> RTP/SAVPF.
[[nodiscard]] const char *proto_text(RtpProfile p, bool secure);

struct StreamDescription {
  bool anchorable = false;  ///< audio or video over an RTP profile: the relay carries it
  bool rejected = false;    ///< port 0
  RtpProfile profile = RtpProfile::none;
  std::string address;        ///< connection address (media c= or session c=)
  int family = 0;             ///< AF_INET / AF_INET6, 0 when there is no usable c= line
  bool null_address = false;  ///< 0.0.0.0 (RFC 2543 hold) or ::
  uint16_t rtp_port = 0;
  uint16_t rtcp_port = 0;                               ///< a=rtcp port, else rtp_port + 1
  std::string rtcp_address;                             ///< a=rtcp address, else `address`
  bool rtcp_mux = false;                                ///< a=rtcp-mux present
  MediaDirection direction = MediaDirection::sendrecv;  ///< as declared
  /// What the relay acts on: the declared direction, with "does not want to receive" added for a
  /// null address (sendrecv -> sendonly, recvonly -> inactive).
  MediaDirection effective = MediaDirection::sendrecv;
};

/// Describe media section `index` of `sdp`. An anchorable stream without a usable IN IP4/IP6
/// connection line gets family 0 (the caller refuses it).
[[nodiscard]] StreamDescription describe_stream(const SdpSession &sdp, size_t index);

/// The direction declared for media `index` (media attribute, else session attribute, else
/// sendrecv).
[[nodiscard]] MediaDirection declared_direction(const SdpSession &sdp, size_t index);

}  // namespace lineside::media
