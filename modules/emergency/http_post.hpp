// emergency/http_post.hpp: one HTTP/1.1 POST with a hard deadline, over plain TCP or TLS
// (OpenSSL: TLS 1.2+, the server certificate checked against the system CAs or a given CA file,
// and its name or address checked against the URL). Blocking: run it on a thread of its own.
#pragma once

#include <cstdint>
#include <string>

#include "http_url.hpp"

namespace lineside::emergency {

struct HttpOutcome {
  bool ok = false;    ///< a 2xx status arrived
  int status = 0;     ///< the HTTP status, 0 when none arrived
  std::string error;  ///< why it failed ("connect 127.0.0.1:9: Connection refused", "timed out")
};

struct HttpPostRequest {
  const HttpUrl *url = nullptr;
  std::string content_type = "application/json";
  std::string body;
  int64_t timeout_ms = 5000;  ///< for the whole exchange: name lookup aside, connect to answer
  std::string ca_file;        ///< https: PEM CA bundle to trust; "" = the system's CAs
  std::string user_agent = "lineside-emergency/1.0";
};

/// POST and read the answer's status line and headers; never longer than timeout_ms once the
/// host name is resolved (getaddrinfo itself has no timeout: prefer numeric addresses).
HttpOutcome http_post(const HttpPostRequest &request);

}  // namespace lineside::emergency
