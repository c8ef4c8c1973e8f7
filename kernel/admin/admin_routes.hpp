// admin/admin_routes.hpp: admin API routes that modules register (method + path prefix).
#pragma once

#include <string>
#include <vector>

#include "lineside/host.h"

struct ls_admin_reply {
  uint32_t status = 500;
  std::string content_type = "application/json";
  std::string body = "{\"error\":\"handler gave no reply\"}";
};

namespace lineside::kernel {

struct ModuleRecord;

/// Registered at module init; looked up by the admin server (longest prefix wins).
class AdminRoutes {
 public:
  struct Route {
    std::string method;
    std::string prefix;
    ls_admin_fn fn = nullptr;
    void *arg = nullptr;
    ModuleRecord *module = nullptr;
  };
  /// False when method+prefix is taken or the prefix is not under /api/.
  bool add(Route route);
  /// Withdraw every route of a module that was disabled.
  void remove_owner(const ModuleRecord *module);
  [[nodiscard]] const Route *find(const std::string &method, const std::string &path) const;
  /// True when some route matches the path with another method (for 405).
  [[nodiscard]] bool path_known(const std::string &path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace lineside::kernel
