// emergency/http_url.hpp: an http:// or https:// webhook URL split into what a client needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::emergency {

struct HttpUrl {
  bool tls = false;    ///< https
  std::string host;    ///< name or address, IPv6 without brackets
  uint16_t port = 0;   ///< 80 / 443 unless given
  std::string target;  ///< path and query ("/hooks/911?x=1"), at least "/"
  std::string text;    ///< the URL as configured (logged; keep secrets out of webhook URLs' logs)

  /// Host header value: host[:port] (brackets around IPv6, port only when not the default).
  [[nodiscard]] std::string host_header() const;
  /// The URL without its query string, for log lines (a query may carry a token).
  [[nodiscard]] std::string loggable() const;
};

/// Parse an http:// or https:// URL (no user info, no fragment); nothing with `error` set.
std::optional<HttpUrl> parse_http_url(std::string_view text, std::string &error);

}  // namespace lineside::emergency
