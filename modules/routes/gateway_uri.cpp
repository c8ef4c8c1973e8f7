// routes/gateway_uri.cpp: gateway URI parsing and Request-URI building.
#include "gateway_uri.hpp"

#include <cctype>
#include <cstdio>

#include "lineside/abi.h"

namespace lineside::routes {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool host_name_ok(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return host.front() != '.' && host.front() != '-';
}

bool ipv6_ok(std::string_view inside) {
  if (inside.empty()) return false;
  for (char c : inside) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
  }
  return inside.find(':') != std::string_view::npos;
}

bool param_char_ok(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-_.!~*'()[]/:&+$=%").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<GatewayUri> GatewayUri::parse(std::string_view text, std::string &error) {
  GatewayUri g;
  g.text_ = std::string(text);
  const size_t colon = text.find(':');
  const std::string scheme = colon == std::string_view::npos ? "" : lower(text.substr(0, colon));
  if (scheme != "sip" && scheme != "sips") {
    error = "expected a sip: or sips: URI, got '" + std::string(text) + "'";
    return std::nullopt;
  }
  g.scheme_ = scheme;
  std::string_view rest = text.substr(colon + 1);
  if (rest.find('@') != std::string_view::npos) {
    error = "a gateway URI has no user part (the dialled digits become it): '" + std::string(text) +
            "'";
    return std::nullopt;
  }
  if (rest.find('?') != std::string_view::npos || rest.find('>') != std::string_view::npos ||
      rest.find('<') != std::string_view::npos || rest.find(' ') != std::string_view::npos) {
    error = "a gateway URI takes no headers, brackets or spaces: '" + std::string(text) + "'";
    return std::nullopt;
  }
  const size_t semi = rest.find(';');
  std::string_view hostport = rest.substr(0, semi);
  const std::string_view params = semi == std::string_view::npos ? "" : rest.substr(semi);
  if (!hostport.empty() && hostport.front() == '[') {
    const size_t close = hostport.find(']');
    if (close == std::string_view::npos || !ipv6_ok(hostport.substr(1, close - 1))) {
      error = "bad IPv6 address in '" + std::string(text) + "'";
      return std::nullopt;
    }
    g.host_ = std::string(hostport.substr(0, close + 1));
    hostport.remove_prefix(close + 1);
  } else {
    const size_t pc = hostport.find(':');
    g.host_ = lower(hostport.substr(0, pc));
    if (!host_name_ok(g.host_)) {
      error = "bad host in '" + std::string(text) + "'";
      return std::nullopt;
    }
    hostport.remove_prefix(pc == std::string_view::npos ? hostport.size() : pc);
  }
  if (!hostport.empty()) {
    if (hostport.front() != ':' || hostport.size() < 2 || hostport.size() > 6) {
      error = "bad port in '" + std::string(text) + "'";
      return std::nullopt;
    }
    uint32_t port = 0;
    for (char c : hostport.substr(1)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        error = "bad port in '" + std::string(text) + "'";
        return std::nullopt;
      }
      port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) {
      error = "port out of range (1-65535) in '" + std::string(text) + "'";
      return std::nullopt;
    }
    g.port_ = port;
  }
  g.transport_ = scheme == "sips" ? LS_TRANSPORT_TLS : LS_TRANSPORT_UNKNOWN;
  std::string_view p = params;
  while (!p.empty()) {
    p.remove_prefix(1);  // ';'
    const size_t next = p.find(';');
    const std::string_view param = p.substr(0, next);
    p = next == std::string_view::npos ? std::string_view() : p.substr(next);
    if (param.empty()) continue;
    for (char c : param) {
      if (!param_char_ok(c)) {
        error = "bad character in URI parameter '" + std::string(param) + "'";
        return std::nullopt;
      }
    }
    const std::string name = lower(param.substr(0, param.find('=')));
    if (name != "transport") continue;
    const std::string value =
        param.find('=') == std::string_view::npos ? "" : lower(param.substr(param.find('=') + 1));
    if (value == "udp") {
      g.transport_ = LS_TRANSPORT_UDP;
    } else if (value == "tcp") {
      g.transport_ = scheme == "sips" ? LS_TRANSPORT_TLS : LS_TRANSPORT_TCP;
    } else if (value == "tls") {
      g.transport_ = LS_TRANSPORT_TLS;
    } else {
      error = "transport must be udp, tcp or tls in '" + std::string(text) + "'";
      return std::nullopt;
    }
    if (scheme == "sips" && value == "udp") {
      error = "sips: cannot use transport=udp in '" + std::string(text) + "'";
      return std::nullopt;
    }
  }
  g.params_ = std::string(params);
  return g;
}

std::string GatewayUri::request_uri(std::string_view user) const {
  std::string out = scheme_ + ":" + escape_uri_user(user) + "@" + host_;
  if (port_) out += ":" + std::to_string(port_);
  return out + params_;
}

std::string escape_uri_user(std::string_view user) {
  static constexpr std::string_view kKeep = "-_.!~*'()+$,;?/&=";
  std::string out;
  for (char c : user) {
    if (std::isalnum(static_cast<unsigned char>(c)) || kKeep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

}  // namespace lineside::routes
