// kpml/kpml_module.hpp: the kpml module instance: digit collection from phones by KPML (RFC 4730)
// offered as lineside.kpml/1 and through the admin API, NOTIFYs of its subscriptions, and
// applications' kpml SUBSCRIBEs relayed to the DN's phone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app_subscriptions.hpp"
#include "collector.hpp"
#include "kpml_settings.hpp"
#include "lineside/plugin.hpp"
#include "lineside/providers/kpml.h"

namespace lineside::kpml {

/// Path prefix of the module's admin routes.
inline constexpr const char *kAdminPrefix = "/api/v1/kpml/collections";

class KpmlModule final : public ModuleBase {
 public:
  /// init: reads the config, finds the location service and the directory, offers lineside.kpml/1
  /// and the admin routes. Throws (failing init) on any of these failing.
  explicit KpmlModule(Host host);

  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_AUTHENTICATE for SUBSCRIBE: a kpml SUBSCRIBE from a trusted application address is
  /// taken here, before the auth module would challenge it.
  uint32_t on_trusted_subscribe(Request &req);
  /// LS_HOOK_REQUEST for SUBSCRIBE and NOTIFY: NOTIFYs of our subscriptions, applications' kpml
  /// SUBSCRIBEs (authenticated by digest), refreshes and un-subscribes of theirs.
  uint32_t on_request(Request &req);

  /// lineside.kpml/1 collect_digits / cancel.
  uint64_t collect(const ls_kpml_collect_t *request, ls_kpml_result_fn done, void *arg);
  int cancel(uint64_t collection);

  void admin_post(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] Collector &collector() { return *collector_; }
  [[nodiscard]] AppSubscriptions &apps() { return *apps_; }

 private:
  void reply(ls_admin_reply_t *reply, uint32_t status, const std::string &body) const;
  /// The collection id in ".../collections/{id}", or 0.
  static uint64_t id_in_path(const char *path);

  KpmlSettings settings_;
  const ls_directory_v1_t *directory_ = nullptr;
  void *directory_self_ = nullptr;
  std::unique_ptr<Collector> collector_;
  std::unique_ptr<AppSubscriptions> apps_;
};

/// The lineside.kpml/1 table (functions forward to the KpmlModule passed as `self`).
const ls_kpml_v1_t &kpml_provider_table();

/// A collection as the admin API shows it.
std::string collection_json(const Collection &c);

}  // namespace lineside::kpml
