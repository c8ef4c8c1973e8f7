// billing/listen_address.cpp: parsing and printing the stream listener's address.
#include "listen_address.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace lineside::billing {

std::string ListenAddress::text() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ListenAddress> parse_listen_address(const std::string &text, std::string &why) {
  const size_t colon = text.find_last_of(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) {
    why = "expected address:port (\"127.0.0.1:1752\", \"[::1]:1752\", \"*:1752\")";
    return std::nullopt;
  }
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(),
                                           [](char c) { return c >= '0' && c <= '9'; })) {
    why = "port '" + port_text + "' is not a number from 0 to 65535";
    return std::nullopt;
  }
  const long port = std::stol(port_text);
  if (port > 65535) {
    why = "port " + port_text + " is above 65535";
    return std::nullopt;
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host == "*") host = "::";
  unsigned char buf[sizeof(struct in6_addr)];
  if (inet_pton(AF_INET, host.c_str(), buf) != 1 && inet_pton(AF_INET6, host.c_str(), buf) != 1) {
    why = "'" + host + "' is not a numeric IPv4 or IPv6 address";
    return std::nullopt;
  }
  return ListenAddress{host, static_cast<uint16_t>(port)};
}

}  // namespace lineside::billing
