// srtp-media/stream_description.cpp: reading address, ports, profile and direction of an m-line.
#include "stream_description.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <charconv>
#include <vector>

namespace lineside::media {
namespace {

constexpr std::string_view kDirections[] = {"sendrecv", "sendonly", "recvonly", "inactive"};

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

/// "IN IP4 192.0.2.1" -> family and address (a multicast "/ttl" suffix makes it unusable).
int parse_connection(std::string_view value, std::string &address) {
  const auto w = words(value);
  if (w.size() != 3 || w[0] != "IN") return 0;
  address.assign(w[2]);
  unsigned char buf[16];
  if (w[1] == "IP4" && inet_pton(AF_INET, address.c_str(), buf) == 1) return AF_INET;
  if (w[1] == "IP6" && inet_pton(AF_INET6, address.c_str(), buf) == 1) return AF_INET6;
  return 0;
}

bool parse_port(std::string_view text, uint16_t &out) {
  unsigned v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v == 0 || v > 65535)
    return false;
  out = static_cast<uint16_t>(v);
  return true;
}

std::optional<MediaDirection> direction_of(const std::vector<SdpLine> &lines) {
  std::optional<MediaDirection> found;
  for (const auto &l : lines) {
    if (l.type != 'a') continue;
    for (size_t i = 0; i < 4; ++i) {
      if (l.value == kDirections[i]) found = static_cast<MediaDirection>(i);
    }
  }
  return found;
}

}  // namespace

const char *direction_name(MediaDirection d) {
  return kDirections[static_cast<size_t>(d)].data();
}

bool wants_to_receive(MediaDirection d) {
  return d == MediaDirection::sendrecv || d == MediaDirection::recvonly;
}

bool will_send(MediaDirection d) {
  return d == MediaDirection::sendrecv || d == MediaDirection::sendonly;
}

RtpProfile profile_from_proto(std::string_view proto) {
  if (proto == "RTP/AVP") return RtpProfile::avp;
  if (proto == "RTP/AVPF") return RtpProfile::avpf;
  if (proto == "RTP/SAVP") return RtpProfile::savp;
  if (proto == "RTP/SAVPF") return RtpProfile::savpf;
  return RtpProfile::none;
}

bool is_secure(RtpProfile p) {
  return p == RtpProfile::savp || p == RtpProfile::savpf;
}

const char *proto_text(RtpProfile p, bool secure) {
  const bool feedback = p == RtpProfile::avpf || p == RtpProfile::savpf;
  if (feedback) return secure ? "RTP/SAVPF" : "RTP/AVPF";
  return secure ? "RTP/SAVP" : "RTP/AVP";
}

MediaDirection declared_direction(const SdpSession &sdp, size_t index) {
  if (auto d = direction_of(sdp.media[index].lines)) return *d;
  return direction_of(sdp.session_lines).value_or(MediaDirection::sendrecv);
}

StreamDescription describe_stream(const SdpSession &sdp, size_t index) {
  const SdpMedia &m = sdp.media[index];
  StreamDescription d;
  d.profile = profile_from_proto(m.proto);
  d.rejected = m.port == 0;
  d.anchorable = (m.media == "audio" || m.media == "video") && d.profile != RtpProfile::none &&
                 m.port_count == 0;
  d.direction = declared_direction(sdp, index);
  d.effective = d.direction;
  d.rtcp_mux = m.attribute("rtcp-mux").has_value();
  const auto conn = m.connection() ? m.connection() : sdp.session_connection();
  if (conn) d.family = parse_connection(*conn, d.address);
  if (d.family == AF_INET) d.null_address = d.address == "0.0.0.0";
  if (d.family == AF_INET6) d.null_address = d.address == "::";
  if (d.null_address) {
    if (d.effective == MediaDirection::sendrecv) d.effective = MediaDirection::sendonly;
    if (d.effective == MediaDirection::recvonly) d.effective = MediaDirection::inactive;
  }
  d.rtp_port = static_cast<uint16_t>(m.port);
  d.rtcp_port = d.rtp_port < 65535 && d.rtp_port ? static_cast<uint16_t>(d.rtp_port + 1) : 0;
  d.rtcp_address = d.address;
  if (auto rtcp = m.attribute("rtcp")) {  // "a=rtcp:53020" or "a=rtcp:53020 IN IP4 192.0.2.1"
    const auto w = words(*rtcp);
    uint16_t port = 0;
    if (!w.empty() && parse_port(w[0], port)) d.rtcp_port = port;
    if (w.size() == 4) {
      std::string addr;
      const std::string conn_text =
          std::string(w[1]) + " " + std::string(w[2]) + " " + std::string(w[3]);
      if (parse_connection(conn_text, addr) == d.family) d.rtcp_address = addr;
    }
  }
  return d;
}

}  // namespace lineside::media
