// mwi/mwi_module.hpp: the mwi module instance: message-summary subscriptions (RFC 3842/6665),
// unsolicited NOTIFY, mailbox states set through the admin API, persistence and re-sending.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"
#include "mailbox_state.hpp"
#include "mwi_settings.hpp"
#include "notify_request.hpp"
#include "subscribe_input.hpp"
#include "subscriber_identity.hpp"
#include "subscription_table.hpp"

namespace lineside::mwi {

/// Path prefix of the module's admin routes.
inline constexpr const char *kAdminPrefix = "/api/v1/mwi";

class MwiModule final : public ModuleBase {
 public:
  /// init: reads the config, finds the directory (and the location service when there is one),
  /// adds the admin routes. Throws on a bad config or a missing directory.
  explicit MwiModule(Host host);

  /// Restores mailbox states and subscriptions from the store, starts the expiry tick, and
  /// schedules the re-sending of every state once the server is up.
  void start() override;
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_REQUEST for SUBSCRIBE: takes `message-summary`, leaves other events to others.
  uint32_t on_subscribe(Request &req);
  /// LS_EVENT_REGISTRATION: a (re)REGISTER gets the current state pushed.
  void on_registration(uint32_t event_id, const void *payload);
  /// LS_EVENT_FLOW_CLOSED: TCP/TLS subscriptions on the flow wait for the phone to reconnect.
  void on_flow_closed(uint32_t event_id, const void *payload);
  /// LS_EVENT_DEVICE_CHANGED: a deleted device loses its subscriptions; a changed voicemail box
  /// moves the subscriptions that follow the device.
  void on_device_changed(uint32_t event_id, const void *payload);

  /// Ends every subscription whose expiry has passed (the 1 s tick calls it).
  void expire_due();
  /// Sends every state again (after a restart): to the surviving UDP subscriptions read from the
  /// store and to the UDP or connected bindings of unsolicited devices.
  void resend_all();

  /// Set a mailbox's counts, persist them and notify its watchers. Returns how many NOTIFYs went.
  size_t set_mailbox_state(const std::string &mailbox, const MailboxCounts &counts);
  /// Forget a mailbox's counts (it reads 0/0 again) and notify its watchers; false if none.
  bool clear_mailbox_state(const std::string &mailbox);

  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_put(const ls_admin_request_t *req, ls_admin_reply_t *reply);
  void admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] const SubscriptionTable &subscriptions() const { return subs_; }
  [[nodiscard]] const std::map<std::string, MailboxRecord> &mailboxes() const { return mailboxes_; }
  [[nodiscard]] const MwiSettings &settings() const { return settings_; }

 private:
  // ---- SUBSCRIBE (mwi_subscribe.cpp) ----
  uint32_t on_initial_subscribe(Request &req, const SubscribeInput &in);
  uint32_t on_subscribe_in_dialog(Request &req, const SubscribeInput &in);
  uint32_t refuse(Request &req, uint32_t status, const char *reason,
                  const std::vector<Header> &headers = {});
  /// 406 / 400 / 423 checks shared by new and refreshing SUBSCRIBEs; 0 when they pass.
  uint32_t check_common(Request &req, const SubscribeInput &in, ExpiresDecision &expires);
  void answer_ok(Request &req, const SubscribeInput &in, int64_t granted,
                 const std::string &to_tag);
  void fetch_once(const SubscribeInput &in, const std::string &tag, const DeviceView &device,
                  const std::string &mailbox);
  void make_room_for(const std::string &device_id, const std::string &mailbox,
                     const std::string &target);

  // ---- NOTIFY (mwi_notify.cpp) ----
  /// Send the current state to `s` (now, or once its in-flight NOTIFY completes).
  void notify_state(Subscription &s);
  /// End `s`: a final NOTIFY with `reason` (when it can be sent), then it is removed.
  void terminate(Subscription &s, const std::string &reason);
  void pump(const std::string &id);
  void on_notify_outcome(const std::string &id, uint32_t status);
  /// Remove a subscription from memory and the store.
  void drop(const std::string &id);
  void push_unsolicited(const std::string &mailbox);
  void send_unsolicited(const std::string &contact, uint32_t transport, ls_flow_id_t flow,
                        const std::string &device_user, const std::string &mailbox);
  [[nodiscard]] bool device_watches(const std::string &device_id, const std::string &mailbox) const;
  [[nodiscard]] std::string summary_body(const std::string &mailbox) const;

  // ---- store and bookkeeping (mwi_module.cpp) ----
  void persist(const Subscription &s);
  void forget_stored(const std::string &id);
  void persist_mailbox(const std::string &mailbox, const MailboxRecord &record);
  void restore_from_store();
  void publish_gauges();
  [[nodiscard]] std::string new_tag();
  [[nodiscard]] bool flow_open(ls_flow_id_t flow) const;
  static void on_store_done(void *arg, int status);

  MwiSettings settings_;
  Directory directory_{nullptr, nullptr, nullptr, nullptr};
  SubscriptionTable subs_;
  std::map<std::string, MailboxRecord> mailboxes_;
  std::vector<std::string> restored_ids_;  ///< subscriptions read from the store at start
  RequestSender sender_;
  ls_timer_id_t tick_timer_ = 0;
  ls_timer_id_t resend_timer_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace lineside::mwi
