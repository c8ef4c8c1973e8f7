// srtp-media/sdp_session.cpp: SDP parsing with limits, attribute access and serialisation.
#include "sdp_session.hpp"

#include <algorithm>
#include <charconv>

namespace lineside::media {
namespace {

bool parse_number(std::string_view text, uint32_t &out, uint32_t max) {
  if (text.empty() || text.size() > 10) return false;
  uint64_t v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v > max) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

std::vector<std::string_view> split_blanks(std::string_view text) {
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

/// "audio 49170/2 RTP/AVP 0 8" -> media; an error text when malformed.
std::string parse_m_line(std::string_view value, SdpMedia &m) {
  const auto fields = split_blanks(value);
  if (fields.size() < 4) return "m= line needs media, port, proto and at least one format";
  m.media.assign(fields[0]);
  std::string_view port = fields[1];
  if (const size_t slash = port.find('/'); slash != std::string_view::npos) {
    if (!parse_number(port.substr(slash + 1), m.port_count, 65535) || m.port_count == 0) {
      return "m= line has a bad port count";
    }
    port = port.substr(0, slash);
  }
  if (!parse_number(port, m.port, 65535)) return "m= line has a bad port";
  m.proto.assign(fields[2]);
  if (fields.size() - 3 > kMaxFormatsPerMedia) return "m= line has too many formats";
  for (size_t i = 3; i < fields.size(); ++i) m.formats.emplace_back(fields[i]);
  return {};
}

bool is_a_named(const SdpLine &line, std::string_view name) {
  return line.type == 'a' && attribute_name(line.value) == name;
}

std::optional<std::string_view> first_of(const std::vector<SdpLine> &lines, char type) {
  for (const auto &l : lines) {
    if (l.type == type) return std::string_view(l.value);
  }
  return std::nullopt;
}

std::optional<std::string_view> first_attribute(const std::vector<SdpLine> &lines,
                                                std::string_view name) {
  for (const auto &l : lines) {
    if (is_a_named(l, name)) return attribute_value(l.value);
  }
  return std::nullopt;
}

}  // namespace

std::string_view attribute_name(std::string_view a_value) {
  return a_value.substr(0, a_value.find(':'));
}

std::string_view attribute_value(std::string_view a_value) {
  const size_t colon = a_value.find(':');
  return colon == std::string_view::npos ? std::string_view() : a_value.substr(colon + 1);
}

std::vector<std::string_view> SdpMedia::attributes(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto &l : lines) {
    if (is_a_named(l, name)) out.push_back(attribute_value(l.value));
  }
  return out;
}

std::optional<std::string_view> SdpMedia::attribute(std::string_view name) const {
  return first_attribute(lines, name);
}

void SdpMedia::remove_attributes(std::string_view name) {
  std::erase_if(lines, [name](const SdpLine &l) { return is_a_named(l, name); });
}

std::optional<std::string_view> SdpMedia::connection() const {
  return first_of(lines, 'c');
}

std::optional<std::string_view> SdpSession::session_attribute(std::string_view name) const {
  return first_attribute(session_lines, name);
}

std::optional<std::string_view> SdpSession::session_connection() const {
  return first_of(session_lines, 'c');
}

std::string SdpSession::to_string() const {
  std::string out;
  out.reserve(1024);
  auto put = [&out](char type, std::string_view value) {
    out.push_back(type);
    out.push_back('=');
    out.append(value);
    out.append("\r\n");
  };
  for (const auto &l : session_lines) put(l.type, l.value);
  for (const auto &m : media) {
    std::string mline = m.media + " " + std::to_string(m.port);
    if (m.port_count) mline += "/" + std::to_string(m.port_count);
    mline += " " + m.proto;
    for (const auto &f : m.formats) mline += " " + f;
    put('m', mline);
    for (const auto &l : m.lines) put(l.type, l.value);
  }
  return out;
}

SdpParse parse_sdp(std::string_view body) {
  SdpParse result;
  if (body.size() > kMaxSdpBytes) {
    result.error = "SDP body too large";
    return result;
  }
  if (body.find('\0') != std::string_view::npos) {
    result.error = "SDP body contains a NUL byte";
    return result;
  }
  SdpSession s;
  size_t pos = 0;
  size_t count = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;  // tolerated: a trailing blank line
    if (++count > kMaxSdpLines) {
      result.error = "SDP body has too many lines";
      return result;
    }
    if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z') {
      result.error = "SDP line " + std::to_string(count) + " is not of the form x=value";
      return result;
    }
    const char type = line[0];
    const std::string_view value = line.substr(2);
    if (count == 1 && (type != 'v' || value != "0")) {
      result.error = "SDP body does not start with v=0";
      return result;
    }
    if (type == 'm') {
      if (s.media.size() == kMaxMediaSections) {
        result.error = "SDP body has too many media sections";
        return result;
      }
      SdpMedia m;
      if (std::string why = parse_m_line(value, m); !why.empty()) {
        result.error = why;
        return result;
      }
      s.media.push_back(std::move(m));
      continue;
    }
    SdpLine l{type, std::string(value)};
    if (s.media.empty()) {
      s.session_lines.push_back(std::move(l));
    } else {
      s.media.back().lines.push_back(std::move(l));
    }
  }
  if (count == 0) {
    result.error = "empty SDP body";
    return result;
  }
  result.session = std::move(s);
  return result;
}

}  // namespace lineside::media
