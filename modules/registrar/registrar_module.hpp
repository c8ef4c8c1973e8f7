// registrar/registrar_module.hpp: the registrar module instance: REGISTER hook, durable commits,
// expiry, restore, flow-closed handling, location provider and admin routes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "binding_table.hpp"
#include "lineside/plugin.hpp"
#include "location_service.hpp"
#include "register_processor.hpp"
#include "registrar_settings.hpp"
#include "store_writer.hpp"

namespace lineside::registrar {

/// Path prefix of the registrar's admin routes.
inline constexpr const char *kAdminPrefix = "/api/v1/registrations";

class RegistrarModule final : public ModuleBase {
 public:
  /// init: reads and checks the config, finds the directory, offers lineside.location/1 and the
  /// admin routes. Throws (failing init) on a bad config or a missing directory.
  explicit RegistrarModule(Host host);

  /// Restores saved bindings and starts the expiry tick.
  void start() override;
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_REQUEST for REGISTER.
  uint32_t on_register(Request &req);
  /// LS_EVENT_FLOW_CLOSED: bindings on the flow wait for the phone to reconnect.
  void on_flow_closed(uint32_t event_id, const void *payload);
  /// LS_EVENT_DEVICE_CHANGED: a deleted device loses its bindings (and a device whose SIP user
  /// changed loses those of the old user), removed from the store and announced LS_REG_REMOVED.
  void on_device_changed(uint32_t event_id, const void *payload);
  /// Removes every binding whose expiry has passed (the 1 s tick calls it).
  void expire_due();

  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] const BindingTable &bindings() const { return table_; }
  [[nodiscard]] const RegistrarSettings &settings() const { return settings_; }

 private:
  /// A REGISTER whose changes are being written; answered when the batch completes.
  struct PendingRegister {
    ls_request_t *live_request = nullptr;  ///< valid only while the hook call is running
    ls_token_t token = 0;                  ///< set once suspended
    std::string user;
    std::vector<BindingChange> changes;
    std::vector<std::string> path;
    bool echo_path = false;
  };

  void respond_refusal(Request &req, uint32_t status, const std::string &reason,
                       const std::vector<Header> &headers = {});
  void respond_ok(Request &req, const std::string &user, const std::vector<std::string> &path,
                  bool echo_path);
  void finish_register(PendingRegister &pending, bool ok);

  // ---- in-memory changes and their events (registrar_changes.cpp) ----
  void apply_changes(std::vector<BindingChange> &changes);
  void roll_back(const std::vector<BindingChange> &changes);
  void emit_committed(const std::vector<BindingChange> &changes);
  void emit(uint32_t change, const Binding &binding);
  void restore_from_store();
  void publish_gauge();

  RegistrarSettings settings_;
  const ls_directory_v1_t *directory_ = nullptr;
  void *directory_self_ = nullptr;
  BindingTable table_;
  StoreWriter writer_;
  LocationService location_;
  ls_timer_id_t expiry_timer_ = 0;
  uint64_t next_revision_ = 1;
};

}  // namespace lineside::registrar
