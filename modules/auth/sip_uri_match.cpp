// auth/sip_uri_match.cpp: minimal SIP URI splitting for the digest-uri check.
#include "sip_uri_match.hpp"

#include "ascii_text.hpp"

namespace lineside::auth {
namespace {

std::optional<uint32_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  uint32_t port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return std::nullopt;
  return port;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

std::optional<SipUriParts> parse_sip_uri(std::string_view uri) {
  uri = trim(uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  SipUriParts parts;
  parts.scheme = ascii_lowercase(uri.substr(0, colon));
  if (parts.scheme != "sip" && parts.scheme != "sips") return std::nullopt;
  std::string_view rest = uri.substr(colon + 1);
  rest = rest.substr(0, rest.find_first_of(";?"));
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = rest.substr(0, at);
    parts.user = std::string(userinfo.substr(0, userinfo.find(':')));
    rest = rest.substr(at + 1);
  }
  std::string_view host = rest;
  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = rest.substr(0, close + 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
      if (port_text.empty()) return std::nullopt;
    }
  } else {
    const size_t port_colon = rest.find(':');
    if (port_colon != std::string_view::npos) {
      host = rest.substr(0, port_colon);
      port_text = rest.substr(port_colon + 1);
      if (port_text.empty()) return std::nullopt;
    }
    for (char c : host) {
      if (!is_host_char(c)) return std::nullopt;
    }
  }
  if (host.empty() || host == "[]") return std::nullopt;
  parts.host = ascii_lowercase(host);
  if (port_text.empty()) {
    parts.port = parts.scheme == "sips" ? 5061 : 5060;
  } else {
    const auto port = parse_port(port_text);
    if (!port) return std::nullopt;
    parts.port = *port;
  }
  return parts;
}

bool sip_uris_match(std::string_view digest_uri, std::string_view request_uri) {
  const auto a = parse_sip_uri(digest_uri);
  const auto b = parse_sip_uri(request_uri);
  return a && b && a->scheme == b->scheme && a->user == b->user && a->host == b->host &&
         a->port == b->port;
}

}  // namespace lineside::auth
