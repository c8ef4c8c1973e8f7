// admin/admin_server.hpp: the admin REST API over HTTP or HTTPS (Poco): bearer-token or basic
// authentication, built-in health and metrics, kernel and module routes run on the SIP thread.
#pragma once

#include <memory>
#include <string>

namespace lineside::kernel {

class AdminAuth;
class AdminRoutes;
class KernelRoutes;
class Metrics;
class SipLoop;

/// Serve HTTPS with this certificate chain and key when cert_file is set.
struct AdminTls {
  std::string cert_file;
  std::string key_file;
};

/// Listens on host:port (loopback by default) until destroyed. Poco stays inside this file pair.
class AdminServer {
 public:
  AdminServer(const std::string &listen, const AdminAuth &auth, const AdminRoutes &routes,
              const KernelRoutes &kernel_routes, Metrics &metrics, SipLoop &loop, const AdminTls &tls = {});
  ~AdminServer();
  AdminServer(const AdminServer &) = delete;
  AdminServer &operator=(const AdminServer &) = delete;
  [[nodiscard]] std::string address() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lineside::kernel
