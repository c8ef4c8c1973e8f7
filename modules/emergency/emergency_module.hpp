// emergency/emergency_module.hpp: the 911/CESID module instance: the emergency route hook (CESID
// identity, emergency gateways, Priority: emergency), the CESID table and its admin API,
// notifications (webhooks, front-desk MESSAGE), call outcome logging and registration moves.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cesid_table.hpp"
#include "emergency_event.hpp"
#include "emergency_settings.hpp"
#include "front_desk.hpp"
#include "lineside/plugin.hpp"
#include "lineside/providers/capabilities.h"
#include "lineside/providers/directory.h"
#include "registration_moves.hpp"
#include "webhook_sender.hpp"

namespace lineside::emergency {

inline constexpr const char *kCesidPrefix = "/api/v1/cesid";

class EmergencyModule final : public ModuleBase {
 public:
  /// init: settings (throws on errors), directory and capabilities providers, admin routes.
  explicit EmergencyModule(Host host);

  /// Loads the CESID table from the store.
  void start() override;
  /// Stops the webhook thread (the POST in progress finishes within its timeout).
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_ROUTE: an emergency call goes to the emergency gateways with its CESID (STOP);
  /// anything else CONTINUEs. Never refuses a call.
  uint32_t on_route(const ls_hook_args_t &args);
  /// LS_EVENT_CALL: answered / failed / abandoned emergency calls are logged and notified.
  void on_call_event(uint32_t event_id, const void *payload);
  /// LS_EVENT_REGISTRATION: a device registering from a new address is logged as a possible move.
  void on_registration(uint32_t event_id, const void *payload);
  /// LS_EVENT_DEVICE_CHANGED: a deleted device's last address is forgotten.
  void on_device_changed(uint32_t event_id, const void *payload);

  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_put(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_post(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] const CesidTable &table() const { return table_; }
  [[nodiscard]] const RegistrationMoves &moves() const { return moves_; }
  [[nodiscard]] const EmergencySettings &settings() const { return settings_; }
  /// Wait (bounded) for queued webhooks to be delivered; for tests.
  bool wait_webhooks_idle(int64_t timeout_ms) { return webhooks_.wait_idle(timeout_ms); }

 private:
  /// The system options' default CESID ("" when none or no capabilities provider).
  [[nodiscard]] std::string default_cesid() const;
  /// True when `dialled` is one of the system's emergency numbers.
  [[nodiscard]] bool is_emergency_number(const std::string &dialled) const;
  /// The device whose main DN is `dn` (or SIP user `user`): fills `out`, false when none.
  bool find_device(const std::string &dn, const std::string &user, ls_device_info_t &out) const;
  /// Whether `addr` is an address `user` is registered from.
  [[nodiscard]] bool registered_from(const std::string &user, const std::string &addr) const;
  void notify_start(const EmergencyEvent &event);
  void notify_outcome(const EmergencyEvent &event, const std::string &what, uint32_t status);
  void publish_table_gauge();
  void reply(ls_admin_reply_t *reply, uint32_t status, const std::string &body) const;
  [[nodiscard]] std::string entry_json(const std::string &dn, const CesidEntry &entry) const;

  EmergencySettings settings_;
  CesidTable table_;
  RegistrationMoves moves_;
  FrontDesk front_desk_;
  WebhookSender webhooks_;
  std::map<uint64_t, EmergencyEvent> active_;  ///< emergency calls routed here, until ENDED
  const ls_directory_v1_t *directory_ = nullptr;
  void *directory_self_ = nullptr;
  const ls_capabilities_v1_t *capabilities_ = nullptr;
  void *capabilities_self_ = nullptr;
};

}  // namespace lineside::emergency
