// admin/kernel_routes.cpp: kernel route table and prefix matching.
#include "admin/kernel_routes.hpp"

namespace lineside::kernel {

namespace {
bool prefix_matches(const std::string &prefix, const std::string &path) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}
}  // namespace

void KernelRoutes::add(std::string method, std::string prefix, KernelHandler handler) {
  routes_.push_back(Route{std::move(method), std::move(prefix), std::move(handler)});
}

const KernelHandler *KernelRoutes::find(const std::string &method, const std::string &path) const {
  const Route *best = nullptr;
  for (const Route &r : routes_) {
    if (r.method == method && prefix_matches(r.prefix, path) && (!best || r.prefix.size() > best->prefix.size())) {
      best = &r;
    }
  }
  return best ? &best->handler : nullptr;
}

bool KernelRoutes::path_known(const std::string &path) const {
  for (const Route &r : routes_) {
    if (prefix_matches(r.prefix, path)) return true;
  }
  return false;
}

}  // namespace lineside::kernel
