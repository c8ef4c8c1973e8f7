// admin/admin_server.hpp: the admin REST API over HTTP (Poco): bearer-token check, built-in
// health and metrics, module routes run on the SIP thread.
#pragma once

#include <memory>
#include <string>

namespace lineside::kernel {

class AdminRoutes;
class Metrics;
class SipLoop;

/// Listens on host:port (loopback by default) until destroyed. Poco stays inside this file pair.
class AdminServer {
 public:
  AdminServer(const std::string &listen, std::string token, const AdminRoutes &routes,
              Metrics &metrics, SipLoop &loop);
  ~AdminServer();
  AdminServer(const AdminServer &) = delete;
  AdminServer &operator=(const AdminServer &) = delete;
  [[nodiscard]] std::string address() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lineside::kernel
