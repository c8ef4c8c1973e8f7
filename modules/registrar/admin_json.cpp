// registrar/admin_json.cpp: JSON escaping and rendering for the admin API, query parsing.
#include "admin_json.hpp"

#include <cstdio>

namespace lineside::registrar {
namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  size_t len = 0;
  uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    cp = lead & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return len;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string nullable_string(const std::string &text) {
  return text.empty() ? "null" : json_string(text);
}

std::string source_text(const Binding &b) {
  const bool ipv6 = b.source_addr.find(':') != std::string::npos;
  return (ipv6 ? "[" + b.source_addr + "]" : b.source_addr) + ":" + std::to_string(b.source_port);
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  return out;
}

std::string binding_json(const Binding &b, int64_t now) {
  const int64_t expires_in = b.expires_at > now ? b.expires_at - now : 0;
  std::string out = "{";
  out += "\"user\":" + json_string(b.user);
  out += ",\"aor\":" + json_string(b.aor);
  out += ",\"device_id\":" + json_string(b.device_id);
  out += ",\"contact\":" + json_string(b.contact_uri);
  out += ",\"expires_at\":" + std::to_string(b.expires_at);
  out += ",\"expires_in\":" + std::to_string(expires_in);
  out += ",\"transport\":" + json_string(transport_name(b.transport));
  out += ",\"source\":" + json_string(source_text(b));
  out += ",\"flow\":" + std::to_string(b.flow);
  out += std::string(",\"awaiting_reconnect\":") + (b.awaiting_reconnect ? "true" : "false");
  out += ",\"user_agent\":" + nullable_string(b.user_agent);
  out += ",\"instance\":" + nullable_string(b.instance);
  out += "}";
  return out;
}

std::string registrations_json(const std::vector<Binding> &bindings, int64_t now) {
  std::string out = "{\"registrations\":[";
  for (size_t i = 0; i < bindings.size(); ++i) {
    if (i) out.push_back(',');
    out += binding_json(bindings[i], now);
  }
  out += "],\"count\":" + std::to_string(bindings.size()) + "}";
  return out;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<std::string> query_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    if (key && *key == name)
      return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace lineside::registrar
