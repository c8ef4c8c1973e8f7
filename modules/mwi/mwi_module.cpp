// mwi/mwi_module.cpp: mwi lifecycle, reload, the store (records, restore at start) and timers.
#include "mwi_module.hpp"

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace lineside::mwi {
namespace {

constexpr uint64_t kExpiryTickMs = 1000;
/// After a restart, states are re-sent this long after start (the listeners are up by then).
constexpr uint64_t kResendDelayMs = 500;

void expiry_tick(void *arg, ls_timer_id_t) {
  auto *self = static_cast<MwiModule *>(arg);
  try {
    self->expire_due();
  } catch (const std::exception &e) {
    self->host().error(std::string("expiry tick failed: ") + e.what());
  }
}

void resend_once(void *arg, ls_timer_id_t) {
  auto *self = static_cast<MwiModule *>(arg);
  try {
    self->resend_all();
  } catch (const std::exception &e) {
    self->host().error(std::string("re-sending states after start failed: ") + e.what());
  }
}

void admin_get_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<MwiModule *>(arg)->admin_get(req, reply);
}
void admin_put_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<MwiModule *>(arg)->admin_put(req, reply);
}
void admin_delete_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<MwiModule *>(arg)->admin_delete(req, reply);
}

/// What store_scan found in one table.
template <class Record>
struct Scan {
  std::vector<std::pair<std::string, Record>> records;
  std::vector<std::string> unreadable;
};

int collect_mailbox(void *arg, const char *key, const void *value, size_t len) {
  auto &scan = *static_cast<Scan<MailboxRecord> *>(arg);
  auto record = decode_mailbox(key, std::string_view(static_cast<const char *>(value), len));
  if (record) {
    scan.records.emplace_back(key, *record);
  } else {
    scan.unreadable.emplace_back(key);
  }
  return 0;
}

int collect_subscription(void *arg, const char *key, const void *value, size_t len) {
  auto &scan = *static_cast<Scan<Subscription> *>(arg);
  auto s = decode_subscription(key, std::string_view(static_cast<const char *>(value), len));
  if (s) {
    scan.records.emplace_back(key, std::move(*s));
  } else {
    scan.unreadable.emplace_back(key);
  }
  return 0;
}

}  // namespace

MwiModule::MwiModule(Host host) : ModuleBase(host), sender_(host), rng_(std::random_device{}()) {
  auto settings = read_mwi_settings(host, host.config());
  if (!settings) throw std::runtime_error("invalid mwi configuration");
  settings_ = std::move(*settings);

  void *dir_self = nullptr;
  const auto *dir =
      host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, &dir_self);
  if (!dir || !LS_HAS_FIELD(dir, ls_directory_v1_t, device_by_dn) || !dir->device_by_user ||
      !dir->device_by_dn)
    throw std::runtime_error(
        "the mwi module needs lineside.directory/1 with device_by_user and device_by_dn");
  void *loc_self = nullptr;
  const auto *loc =
      host.provider<ls_location_v1_t>(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, &loc_self);
  directory_ = Directory(dir, dir_self, loc, loc_self);
  if (!loc)
    host.warning(
        "no lineside.location/1 (registrar disabled?): devices with authentication off "
        "cannot subscribe and unsolicited NOTIFYs have no contacts");
  if (!sender_.available())
    host.warning("this host cannot send requests (no request_send): no NOTIFY will be sent");

  const ls_host_t *raw = host.raw();
  if (raw->admin_route(host.ctx(), "GET", kAdminPrefix, &admin_get_route, this) != 0 ||
      raw->admin_route(host.ctx(), "PUT", kAdminPrefix, &admin_put_route, this) != 0 ||
      raw->admin_route(host.ctx(), "DELETE", kAdminPrefix, &admin_delete_route, this) != 0)
    throw std::runtime_error(std::string("admin route ") + kAdminPrefix + " is already taken");
}

void MwiModule::start() {
  restore_from_store();
  const ls_host_t *raw = host().raw();
  tick_timer_ = raw->timer_start(host().ctx(), kExpiryTickMs, kExpiryTickMs, &expiry_tick, this);
  if (tick_timer_ == 0) throw std::runtime_error("cannot start the subscription expiry timer");
  resend_timer_ = raw->timer_start(host().ctx(), kResendDelayMs, 0, &resend_once, this);
  if (resend_timer_ == 0) throw std::runtime_error("cannot schedule the re-sending of MWI states");
}

void MwiModule::stop() {
  const ls_host_t *raw = host().raw();
  if (tick_timer_ != 0) raw->timer_cancel(host().ctx(), tick_timer_);
  if (resend_timer_ != 0) raw->timer_cancel(host().ctx(), resend_timer_);
  tick_timer_ = resend_timer_ = 0;
}

std::string MwiModule::check_reconfigure(const Config &config) {
  return read_mwi_settings(host(), config) ? std::string() : "invalid mwi configuration";
}

void MwiModule::apply_reconfigure(const Config &config) {
  if (auto settings = read_mwi_settings(host(), config)) settings_ = std::move(*settings);
}

void MwiModule::expire_due() {
  for (const std::string &id : subs_.expired(host().now_unix())) {
    Subscription *s = subs_.find(id);
    if (!s || s->terminating) continue;
    host().metric_add("expired");
    host().info("subscription " + id + " of " + s->device_id + " to mailbox " + s->mailbox +
                " expired");
    terminate(*s, "timeout");
  }
}

void MwiModule::on_store_done(void *arg, int status) {
  if (status != 0)
    static_cast<MwiModule *>(arg)->host().error("a store write of the mwi module failed");
}

void MwiModule::persist(const Subscription &s) {
  const std::string value = encode_subscription(s);
  if (host().raw()->store_put(host().ctx(), kSubscriptionsTable, s.id.c_str(), value.data(),
                              value.size(), &MwiModule::on_store_done, this) != 0)
    host().error("store refused to save subscription " + s.id);
}

void MwiModule::forget_stored(const std::string &id) {
  if (host().raw()->store_delete(host().ctx(), kSubscriptionsTable, id.c_str(),
                                 &MwiModule::on_store_done, this) != 0)
    host().error("store refused to delete subscription " + id);
}

void MwiModule::persist_mailbox(const std::string &mailbox, const MailboxRecord &record) {
  const std::string value = encode_mailbox(mailbox, record);
  if (host().raw()->store_put(host().ctx(), kMailboxesTable, mailbox.c_str(), value.data(),
                              value.size(), &MwiModule::on_store_done, this) != 0)
    host().error("store refused to save the state of mailbox " + mailbox);
}

void MwiModule::restore_from_store() {
  const ls_host_t *raw = host().raw();
  Scan<MailboxRecord> boxes;
  if (raw->store_scan(host().ctx(), kMailboxesTable, &collect_mailbox, &boxes) < 0)
    throw std::runtime_error("cannot read saved mailbox states from the store");
  for (auto &[mailbox, record] : boxes.records) mailboxes_[mailbox] = record;
  for (const std::string &key : boxes.unreadable) {
    host().warning("dropping an unreadable saved mailbox state");
    raw->store_delete(host().ctx(), kMailboxesTable, key.c_str(), &MwiModule::on_store_done, this);
  }

  Scan<Subscription> saved;
  if (raw->store_scan(host().ctx(), kSubscriptionsTable, &collect_subscription, &saved) < 0)
    throw std::runtime_error("cannot read saved subscriptions from the store");
  const int64_t now = host().now_unix();
  size_t expired = 0;
  for (auto &[key, s] : saved.records) {
    if (s.expires_at <= now) {
      ++expired;
      forget_stored(key);
      continue;
    }
    // Flow ids do not survive a restart: a TCP/TLS subscription waits for the phone's reconnect.
    s.flow = 0;
    restored_ids_.push_back(s.id);
    subs_.put(std::move(s));
  }
  for (const std::string &key : saved.unreadable) forget_stored(key);
  publish_gauges();
  host().notice("restored " + std::to_string(mailboxes_.size()) + " mailbox state(s) and " +
                std::to_string(subs_.size()) + " subscription(s) from the store (dropped " +
                std::to_string(expired) + " expired, " + std::to_string(saved.unreadable.size()) +
                " unreadable)");
}

void MwiModule::publish_gauges() {
  host().metric_set("subscriptions", static_cast<int64_t>(subs_.size()));
  host().metric_set("mailboxes", static_cast<int64_t>(mailboxes_.size()));
}

std::string MwiModule::new_tag() {
  for (;;) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(rng_()));
    std::string tag = std::string("mwi") + text;
    if (!subs_.find(tag)) return tag;
  }
}

bool MwiModule::flow_open(ls_flow_id_t flow) const {
  return flow != 0 && host().raw()->flow_is_open(host().ctx(), flow) != 0;
}

}  // namespace lineside::mwi
