// linesidectl/api_client.hpp: one HTTP(S) request to the admin API with the chosen credentials.
#pragma once

#include <string>

namespace lineside::ctl {

/// Where and how to connect: built from the command line by connection_settings().
struct ConnectionSettings {
  std::string url;            ///< http[s]://host[:port][/prefix]
  std::string bearer_token;   ///< sent as "Authorization: Bearer ..." when set
  std::string basic_user;     ///< with basic_password: HTTP basic authentication instead
  std::string basic_password;
  std::string cacert;         ///< PEM CA file for HTTPS; empty = the system's CAs
  std::string credential_note;  ///< why no credentials are sent (shown with a 401)
};

struct ApiResponse {
  unsigned status = 0;
  std::string reason;
  std::string body;
  [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
 public:
  /// Checks the URL (UsageError unless http or https with a host).
  explicit ApiClient(ConnectionSettings settings);
  /// Send `body` (JSON, when not empty) to `path` ("/api/v1/..."), return the answer whatever its
  /// status. Throws ConnectError when the server cannot be reached or the exchange breaks off.
  ApiResponse request(const std::string &method, const std::string &path, const std::string &body = "") const;
  [[nodiscard]] const ConnectionSettings &settings() const { return settings_; }

 private:
  ConnectionSettings settings_;
  std::string scheme_, host_, prefix_;
  unsigned short port_ = 0;
};

/// Percent-encode one path segment (a device id, a user).
std::string path_segment(const std::string &text);

}  // namespace lineside::ctl
