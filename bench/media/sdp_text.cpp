// bench/media/sdp_text.cpp: building and reading the load tool's SDP.
#include "sdp_text.hpp"

#include <cstdlib>

namespace lineside::bench {
namespace {

std::string_view line_after(std::string_view sdp, std::string_view prefix) {
  size_t pos = 0;
  while (pos < sdp.size()) {
    size_t end = sdp.find('\n', pos);
    if (end == std::string_view::npos) end = sdp.size();
    std::string_view line = sdp.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, prefix.size()) == prefix) return line.substr(prefix.size());
    pos = end + 1;
  }
  return {};
}

}  // namespace

std::string phone_sdp(uint32_t session_id, uint16_t port, const srtp::CryptoAttribute *crypto) {
  std::string s = "v=0\r\no=bench " + std::to_string(session_id) +
                  " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " +
                  std::to_string(port) + (crypto ? " RTP/SAVP" : " RTP/AVP") +
                  " 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n";
  if (crypto) s += "a=crypto:" + srtp::format_crypto(*crypto) + "\r\n";
  return s;
}

uint16_t sdp_audio_port(std::string_view sdp) {
  const std::string_view m = line_after(sdp, "m=audio ");
  return static_cast<uint16_t>(std::strtoul(std::string(m).c_str(), nullptr, 10));
}

std::optional<srtp::CryptoAttribute> sdp_crypto(std::string_view sdp) {
  const std::string_view c = line_after(sdp, "a=crypto:");
  if (c.empty()) return std::nullopt;
  return srtp::parse_crypto(c).attr;
}

std::optional<uint32_t> sdp_session_id(std::string_view sdp) {
  const std::string_view o = line_after(sdp, "o=");
  const size_t space = o.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  return static_cast<uint32_t>(std::strtoul(std::string(o.substr(space + 1)).c_str(), nullptr, 10));
}

}  // namespace lineside::bench
