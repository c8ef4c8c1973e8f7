// calls/sdp_hold.cpp: RFC 2543 hold (c=0.0.0.0) rewritten as RFC 3264 hold (real address,
// a=sendonly).
#include "calls/sdp_hold.hpp"

#include <optional>

namespace lineside::kernel {

namespace {

struct SdpLines {
  std::vector<std::string> lines;  ///< without their line ends
  std::string eol = "\r\n";
};

SdpLines split_lines(std::string_view sdp) {
  SdpLines out;
  if (sdp.find("\r\n") == std::string_view::npos && sdp.find('\n') != std::string_view::npos)
    out.eol = "\n";
  size_t pos = 0;
  while (pos < sdp.size()) {
    size_t end = sdp.find('\n', pos);
    if (end == std::string_view::npos) end = sdp.size();
    std::string_view line = sdp.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.lines.emplace_back(line);
    pos = end + 1;
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// "IN IP4 0.0.0.0" (optionally with a /ttl) is the RFC 2543 hold address.
bool is_zero_address(std::string_view connection) {
  if (!starts_with(connection, "IN IP4 ")) return false;
  std::string_view addr = connection.substr(7);
  while (!addr.empty() && addr.front() == ' ') addr.remove_prefix(1);
  addr = addr.substr(0, addr.find_first_of(" /"));
  return addr == "0.0.0.0";
}

std::string connection_for(const std::string &address) {
  return std::string(address.find(':') != std::string::npos ? "IN IP6 " : "IN IP4 ") + address;
}

/// The address of the o= line (its last field), or "".
std::string origin_address(const std::vector<std::string> &lines) {
  for (const std::string &l : lines) {
    if (!starts_with(l, "o=")) continue;
    const size_t space = l.rfind(' ');
    return space == std::string::npos ? std::string() : l.substr(space + 1);
  }
  return std::string();
}

std::optional<std::string_view> direction_of(std::string_view line) {
  for (std::string_view d : {"sendrecv", "sendonly", "recvonly", "inactive"}) {
    if (line.size() == d.size() + 2 && starts_with(line, "a=") && line.substr(2) == d) return d;
  }
  return std::nullopt;
}

/// RFC 3264 8.4: what a held stream says instead of `current`.
std::string held_direction(std::string_view current) {
  if (current == "recvonly" || current == "inactive") return "inactive";
  return "sendonly";
}

/// One m= section: [first, end) in the line list, its own c= line and direction line (or npos).
struct MediaSection {
  size_t first = 0;
  size_t end = 0;
  size_t connection = std::string::npos;
  size_t direction = std::string::npos;
};

struct SdpLayout {
  size_t session_connection = std::string::npos;
  std::string session_direction = "sendrecv";
  std::vector<MediaSection> media;
};

SdpLayout layout_of(const std::vector<std::string> &lines) {
  SdpLayout out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string &l = lines[i];
    if (starts_with(l, "m=")) {
      if (!out.media.empty()) out.media.back().end = i;
      out.media.push_back(MediaSection{i, lines.size()});
      continue;
    }
    const bool in_media = !out.media.empty();
    if (starts_with(l, "c=")) {
      if (in_media)
        out.media.back().connection = i;
      else
        out.session_connection = i;
    } else if (auto d = direction_of(l)) {
      if (in_media)
        out.media.back().direction = i;
      else
        out.session_direction = std::string(*d);
    }
  }
  return out;
}

}  // namespace

void remember_stream_addresses(std::string_view sdp, SdpStreamAddresses &last) {
  const SdpLines parsed = split_lines(sdp);
  const SdpLayout layout = layout_of(parsed.lines);
  std::string session;
  if (layout.session_connection != std::string::npos) {
    session = parsed.lines[layout.session_connection].substr(2);
    if (!is_zero_address(session)) last.session = session;
  }
  if (last.media.size() < layout.media.size()) last.media.resize(layout.media.size());
  for (size_t i = 0; i < layout.media.size(); ++i) {
    const MediaSection &m = layout.media[i];
    const std::string effective =
        m.connection != std::string::npos ? parsed.lines[m.connection].substr(2) : session;
    if (!effective.empty() && !is_zero_address(effective)) last.media[i] = effective;
  }
}

bool rewrite_zero_address_hold(std::string &sdp, const SdpStreamAddresses &last,
                               const std::string &fallback_address) {
  SdpLines parsed = split_lines(sdp);
  std::vector<std::string> &lines = parsed.lines;
  const SdpLayout layout = layout_of(lines);
  const bool session_zero =
      layout.session_connection != std::string::npos &&
      is_zero_address(std::string_view(lines[layout.session_connection]).substr(2));
  std::string fallback = !last.session.empty()       ? last.session
                         : !fallback_address.empty() ? connection_for(fallback_address)
                                                     : std::string();
  if (fallback.empty()) {
    const std::string origin = origin_address(lines);
    if (!origin.empty() && origin != "0.0.0.0") fallback = connection_for(origin);
  }
  // Edits per line index: a replacement text, or lines to add after a section's last line.
  std::vector<std::string> replaced(lines.size());
  std::vector<std::vector<std::string>> appended(lines.size() + 1);
  bool changed = false;
  if (session_zero && !fallback.empty()) {
    replaced[layout.session_connection] = "c=" + fallback;
    changed = true;
  }
  for (size_t i = 0; i < layout.media.size(); ++i) {
    const MediaSection &m = layout.media[i];
    const bool own = m.connection != std::string::npos;
    const bool zero =
        own ? is_zero_address(std::string_view(lines[m.connection]).substr(2)) : session_zero;
    if (!zero) continue;
    const std::string address =
        i < last.media.size() && !last.media[i].empty() ? last.media[i] : fallback;
    if (address.empty())
      continue;  // nothing real is known about this sender: leave the stream alone
    if (own)
      replaced[m.connection] = "c=" + address;
    else if (address != fallback)
      appended[m.first].push_back("c=" + address);  // overrides the session line
    const std::string current =
        m.direction != std::string::npos ? lines[m.direction].substr(2) : layout.session_direction;
    const std::string held = "a=" + held_direction(current);
    if (m.direction != std::string::npos)
      replaced[m.direction] = held;
    else
      appended[m.end - 1].push_back(held);
    changed = true;
  }
  if (!changed) return false;
  std::string out;
  out.reserve(sdp.size() + 64);
  for (size_t i = 0; i < lines.size(); ++i) {
    out += replaced[i].empty() ? lines[i] : replaced[i];
    out += parsed.eol;
    for (const std::string &extra : appended[i]) out += extra + parsed.eol;
  }
  sdp = std::move(out);
  return true;
}

}  // namespace lineside::kernel
