// admin/admin_routes.cpp: route registration and prefix matching.
#include "admin/admin_routes.hpp"

namespace lineside::kernel {

namespace {
bool prefix_matches(const std::string &prefix, const std::string &path) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/' || prefix.back() == '/';
}
}  // namespace

bool AdminRoutes::add(Route route) {
  if (route.prefix.rfind("/api/", 0) != 0 || route.fn == nullptr) return false;
  for (const auto &r : routes_) {
    if (r.method == route.method && r.prefix == route.prefix) return false;
  }
  routes_.push_back(std::move(route));
  return true;
}

void AdminRoutes::remove_owner(const ModuleRecord *module) {
  std::erase_if(routes_, [module](const Route &r) { return r.module == module; });
}

const AdminRoutes::Route *AdminRoutes::find(const std::string &method,
                                            const std::string &path) const {
  const Route *best = nullptr;
  for (const auto &r : routes_) {
    if (r.method == method && prefix_matches(r.prefix, path) &&
        (!best || r.prefix.size() > best->prefix.size())) {
      best = &r;
    }
  }
  return best;
}

bool AdminRoutes::path_known(const std::string &path) const {
  for (const auto &r : routes_) {
    if (prefix_matches(r.prefix, path)) return true;
  }
  return false;
}

}  // namespace lineside::kernel
