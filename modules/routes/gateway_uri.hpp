// routes/gateway_uri.hpp: a trunk gateway's SIP URI ("sip:gw.example.net",
// "sip:127.0.0.1:5090;transport=udp") checked once, and the Request-URI of a call through it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::routes {

class GatewayUri {
 public:
  /// Parse `text`; on failure returns nothing and sets `error` ("expected sip: or sips:").
  /// Accepted: sip|sips ":" host [":" port] *(";" param). A user part or headers are refused:
  /// the digits to send become the user part of each call's Request-URI. A name without a port
  /// is resolved by the SIP stack with NAPTR, SRV then A/AAAA (RFC 3263).
  static std::optional<GatewayUri> parse(std::string_view text, std::string &error);

  /// "sip:<user>@host[:port];params" ('#' escaped as %23 in the user part).
  [[nodiscard]] std::string request_uri(std::string_view user) const;
  /// LS_TRANSPORT_* from ";transport=" (sips: means TLS), LS_TRANSPORT_UNKNOWN when not given.
  [[nodiscard]] uint32_t transport() const { return transport_; }
  [[nodiscard]] const std::string &text() const { return text_; }
  [[nodiscard]] const std::string &host() const { return host_; }
  [[nodiscard]] uint32_t port() const { return port_; }

 private:
  std::string text_;    ///< as configured
  std::string scheme_;  ///< "sip" or "sips"
  std::string host_;    ///< name, IPv4, or [IPv6] with brackets
  uint32_t port_ = 0;   ///< 0: not given
  std::string params_;  ///< ";transport=udp;..." or ""
  uint32_t transport_ = 0;
};

/// Escape a user part for a SIP URI: unreserved characters and "+*$,;?/&=" stay, others %XX.
std::string escape_uri_user(std::string_view user);

}  // namespace lineside::routes
