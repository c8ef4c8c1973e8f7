// routes/routes_module.hpp: the routes module instance: the route hook (dialled digits -> trunk
// gateways), YAML routes with reload, and routes added through the admin API (kept in the store).
#pragma once

#include <string>

#include "lineside/plugin.hpp"
#include "lineside/providers/directory.h"
#include "route_table.hpp"

namespace lineside::routes {

inline constexpr const char *kRoutesPrefix = "/api/v1/routes";
inline constexpr const char *kRoutesTable = "routes";

class RoutesModule final : public ModuleBase {
 public:
  /// init: reads the YAML routes (throws on errors), finds the directory, adds the admin routes.
  explicit RoutesModule(Host host);

  /// Loads the routes saved through the API.
  void start() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_ROUTE: a dialled number no directory DN answers and some route matches goes to the
  /// route's gateways (STOP); anything else CONTINUEs to later hooks and the default router.
  uint32_t on_route(const ls_hook_args_t &args);

  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_put(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] const RouteTable &table() const { return table_; }

 private:
  [[nodiscard]] bool is_directory_dn(const std::string &dialled) const;
  void reply(ls_admin_reply_t *reply, uint32_t status, const std::string &body) const;
  void restore_api_routes();

  RouteTable table_;
  const ls_directory_v1_t *directory_ = nullptr;
  void *directory_self_ = nullptr;
};

}  // namespace lineside::routes
