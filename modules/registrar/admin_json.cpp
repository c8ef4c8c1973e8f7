// registrar/admin_json.cpp: JSON escaping and rendering for the admin API, query parsing.
#include "admin_json.hpp"

#include "lineside/json_text.hpp"

#include <cstdio>

namespace lineside::registrar {
namespace {

using json_text::hex_value;

std::string nullable_string(const std::string &text) {
  return text.empty() ? "null" : json_string(text);
}

std::string source_text(const Binding &b) {
  const bool ipv6 = b.source_addr.find(':') != std::string::npos;
  return (ipv6 ? "[" + b.source_addr + "]" : b.source_addr) + ":" + std::to_string(b.source_port);
}

}  // namespace

std::string json_string(std::string_view text) { return json_text::quote(text); }

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
