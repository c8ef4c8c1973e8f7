// emergency/http_url.cpp: webhook URL parsing.
#include "http_url.hpp"

#include <cctype>

namespace lineside::emergency {

std::string HttpUrl::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  if (port != (tls ? 443 : 80)) out += ":" + std::to_string(port);
  return out;
}

std::string HttpUrl::loggable() const {
  return std::string(tls ? "https://" : "http://") + host_header() +
         target.substr(0, target.find('?'));
}

std::optional<HttpUrl> parse_http_url(std::string_view text, std::string &error) {
  HttpUrl u;
  u.text = std::string(text);
  std::string_view rest;
  if (text.substr(0, 7) == "http://") {
    rest = text.substr(7);
  } else if (text.substr(0, 8) == "https://") {
    u.tls = true;
    rest = text.substr(8);
  } else {
    error = "expected an http:// or https:// URL";
    return std::nullopt;
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      error = "spaces and control characters are not allowed in a URL";
      return std::nullopt;
    }
  }
  if (text.find('#') != std::string_view::npos) {
    error = "a webhook URL has no #fragment";
    return std::nullopt;
  }
  const size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (u.target.front() == '?') u.target = "/" + u.target;
  if (authority.find('@') != std::string_view::npos) {
    error = "user:password@ is not supported in a webhook URL";
    return std::nullopt;
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      error = "unclosed [ in the host";
      return std::nullopt;
    }
    u.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':') {
      error = "unexpected text after ]";
      return std::nullopt;
    }
    port_text = authority.empty() ? "" : authority.substr(1);
  } else {
    const size_t colon = authority.find(':');
    u.host = std::string(authority.substr(0, colon));
    port_text = colon == std::string_view::npos ? "" : authority.substr(colon + 1);
  }
  if (u.host.empty()) {
    error = "the URL has no host";
    return std::nullopt;
  }
  for (char c : u.host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != ':') {
      error = "bad character in the host";
      return std::nullopt;
    }
  }
  u.port = u.tls ? 443 : 80;
  if (!port_text.empty()) {
    uint32_t port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) {
        error = "bad port";
        return std::nullopt;
      }
      port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) {
      error = "port out of range (1-65535)";
      return std::nullopt;
    }
    u.port = static_cast<uint16_t>(port);
  }
  return u;
}

}  // namespace lineside::emergency
