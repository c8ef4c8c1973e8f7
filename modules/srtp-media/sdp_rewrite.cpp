// srtp-media/sdp_rewrite.cpp: session and media rewriting for the SDP a leg receives.
#include "sdp_rewrite.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <string_view>

namespace lineside::media {
namespace {

// Attributes that describe the sender's own transport or keys: meaningless once anchored.
constexpr std::string_view kTransportAttributes[] = {
    "crypto",
    "rtcp",
    "candidate",
    "remote-candidates",
    "end-of-candidates",
    "ice-ufrag",
    "ice-pwd",
    "ice-options",
    "ice-lite",
    "ice-mismatch",
    "fingerprint",
    "setup",
    "connection",
    "tls-id",
    "sendrecv",
    "sendonly",
    "recvonly",
    "inactive",
    "rtcp-mux",
    "rtcp-mux-only",
};

constexpr std::string_view kSessionDropped[] = {
    "ice-ufrag", "ice-pwd",  "ice-options", "ice-lite", "fingerprint", "setup",  "group",
    "sendrecv",  "sendonly", "recvonly",    "inactive", "crypto",      "tls-id",
};

template <size_t N>
bool named_in(const SdpLine &l, const std::string_view (&names)[N]) {
  if (l.type != 'a') return false;
  const std::string_view name = attribute_name(l.value);
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

void strip_transport(SdpMedia &m) {
  std::erase_if(m.lines, [](const SdpLine &l) {
    return l.type == 'c' || l.type == 'k' || named_in(l, kTransportAttributes);
  });
}

/// "alice 2890844526 2890844527 IN IP4 192.0.2.1" with the last two fields replaced.
std::string origin_with(std::string_view origin, const std::string &addrtype,
                        const std::string &address) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < origin.size() && fields.size() < 6) {
    while (i < origin.size() && origin[i] == ' ') ++i;
    const size_t start = i;
    while (i < origin.size() && origin[i] != ' ') ++i;
    if (i > start) fields.push_back(origin.substr(start, i - start));
  }
  if (fields.size() < 6) return "- 0 0 IN " + addrtype + " " + address;
  return std::string(fields[0]) + " " + std::string(fields[1]) + " " + std::string(fields[2]) +
         " IN " + addrtype + " " + address;
}

}  // namespace

void rewrite_session(SdpSession &sdp, const std::string &address, int family) {
  const std::string addrtype = family == AF_INET6 ? "IP6" : "IP4";
  std::erase_if(sdp.session_lines,
                [](const SdpLine &l) { return l.type == 'k' || named_in(l, kSessionDropped); });
  bool have_c = false;
  for (auto &l : sdp.session_lines) {
    if (l.type == 'o') l.value = origin_with(l.value, addrtype, address);
    if (l.type == 'c') {
      l.value = "IN " + addrtype + " " + address;
      have_c = true;
    }
  }
  if (!have_c) {
    // c= goes before t= (RFC 8866 §5 order: v o s i u e p c b t).
    auto t = std::find_if(sdp.session_lines.begin(), sdp.session_lines.end(),
                          [](const SdpLine &l) { return l.type == 't' || l.type == 'b'; });
    sdp.session_lines.insert(t, SdpLine{'c', "IN " + addrtype + " " + address});
  }
}

void shape_media(SdpMedia &m, const MediaShape &shape) {
  strip_transport(m);
  m.port = shape.port;
  m.port_count = 0;
  m.proto = proto_text(shape.profile, shape.secure);
  // Media-level lines in RFC 8866 order: i, c, b, k, then attributes; ours go first among them.
  std::vector<SdpLine> attrs;
  for (const auto &c : shape.crypto)
    attrs.push_back(SdpLine{'a', "crypto:" + srtp::format_crypto(c)});
  if (shape.rtcp_mux) attrs.push_back(SdpLine{'a', "rtcp-mux"});
  attrs.push_back(SdpLine{'a', direction_name(shape.direction)});
  auto first_attr =
      std::find_if(m.lines.begin(), m.lines.end(), [](const SdpLine &l) { return l.type == 'a'; });
  m.lines.insert(first_attr, attrs.begin(), attrs.end());
}

void disable_media(SdpMedia &m) {
  strip_transport(m);
  m.port = 0;
  m.port_count = 0;
}

}  // namespace lineside::media
