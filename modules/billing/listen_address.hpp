// billing/listen_address.hpp: "address:port" text of the SMDR stream listener.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lineside::billing {

/// A numeric listen address ("127.0.0.1", "::1", "0.0.0.0") and a TCP port.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
  [[nodiscard]] std::string text() const;  ///< "127.0.0.1:1752" / "[::1]:1752"
};

/// Parse "127.0.0.1:1752", "[::1]:1752" or "*:1752" (all IPv4 and IPv6 addresses). The host must
/// be numeric; the port 0..65535 (0 = any free port). Nothing on malformed text, with `why` set.
std::optional<ListenAddress> parse_listen_address(const std::string &text, std::string &why);

}  // namespace lineside::billing
