// admin/kernel_routes.hpp: admin API routes the kernel itself serves (provisioning); unlike module
// routes they may answer later (after a store commit) through the Respond callback.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace lineside::kernel {

struct AdminCall {
  std::string method;
  std::string path;
  std::string query;
  std::string body;
};

/// Call exactly once, on the SIP thread (now or later).
using AdminRespond = std::function<void(unsigned status, const std::string &body)>;
/// Runs on the SIP thread.
using KernelHandler = std::function<void(const AdminCall &call, AdminRespond respond)>;

/// Kernel routes by method and path prefix (longest prefix wins). Filled before the admin
/// server starts, read-only afterwards.
class KernelRoutes {
 public:
  void add(std::string method, std::string prefix, KernelHandler handler);
  [[nodiscard]] const KernelHandler *find(const std::string &method, const std::string &path) const;
  [[nodiscard]] bool path_known(const std::string &path) const;

 private:
  struct Route {
    std::string method;
    std::string prefix;
    KernelHandler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace lineside::kernel
