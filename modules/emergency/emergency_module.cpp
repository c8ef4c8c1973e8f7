// emergency/emergency_module.cpp: emergency module lifecycle, providers, CESID table loading and
// the notifications it sends.
#include "emergency_module.hpp"

#include <cstring>
#include <stdexcept>

#include "lineside/providers/location.h"

namespace lineside::emergency {
namespace {

void get_cesid(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<EmergencyModule *>(arg)->admin_get(req, reply);
}
void put_cesid(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<EmergencyModule *>(arg)->admin_put(req, reply);
}
void delete_cesid(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<EmergencyModule *>(arg)->admin_delete(req, reply);
}
void post_cesid(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<EmergencyModule *>(arg)->admin_post(req, reply);
}

struct LoadVisit {
  CesidTable *table;
  std::vector<std::string> bad;
};

int load_entry(void *arg, const char *key, const void *value, size_t len) {
  auto *v = static_cast<LoadVisit *>(arg);
  const std::string dn = key ? key : "";
  auto entry = decode_entry(std::string(static_cast<const char *>(value), len));
  if (!entry) {
    v->bad.push_back(dn);
    return 0;
  }
  v->table->put(dn, std::move(*entry));
  return 0;
}

struct SourceMatch {
  const std::string *addr;
  bool found = false;
};

int match_source(void *arg, const ls_binding_t *b) {
  auto *m = static_cast<SourceMatch *>(arg);
  if (b->source_addr && *m->addr == b->source_addr) {
    m->found = true;
    return 1;
  }
  return 0;
}

}  // namespace

EmergencyModule::EmergencyModule(Host host)
    : ModuleBase(host), front_desk_(host), webhooks_([host](const WebhookResult &r) {
        // Runs on the webhook thread: log and metrics are any-thread host services.
        if (r.ok) {
          host.notice("emergency webhook " + r.url + " (" + r.event + ") delivered: HTTP " +
                      std::to_string(r.status));
          host.metric_add("webhooks_delivered");
        } else {
          host.error("emergency webhook " + r.url + " (" + r.event + ") FAILED after " +
                     std::to_string(r.attempts) + " attempt(s): " + r.error);
          host.metric_add("webhooks_failed");
        }
      }) {
  auto settings = read_emergency_settings(host, host.config());
  if (!settings) throw std::runtime_error("invalid emergency configuration");
  settings_ = std::move(*settings);
  directory_ = host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION,
                                                &directory_self_);
  if (!directory_ || !directory_->device_by_dn || !directory_->device_by_user)
    throw std::runtime_error("the emergency module needs lineside.directory/1");
  capabilities_ = host.provider<ls_capabilities_v1_t>(LS_CAPABILITIES_PROVIDER,
                                                      LS_CAPABILITIES_VERSION, &capabilities_self_);
  if (!capabilities_) host.warning("no lineside.capabilities/1: no system default CESID");
  const ls_host_t *raw = host.raw();
  const std::string import_path = std::string(kCesidPrefix) + "/import";
  if (raw->admin_route(host.ctx(), "GET", kCesidPrefix, &get_cesid, this) != 0 ||
      raw->admin_route(host.ctx(), "PUT", kCesidPrefix, &put_cesid, this) != 0 ||
      raw->admin_route(host.ctx(), "DELETE", kCesidPrefix, &delete_cesid, this) != 0 ||
      raw->admin_route(host.ctx(), "POST", import_path.c_str(), &post_cesid, this) != 0)
    throw std::runtime_error(std::string("admin route ") + kCesidPrefix + " is already taken");
}

void EmergencyModule::start() {
  LoadVisit visit{&table_, {}};
  if (host().raw()->store_scan(host().ctx(), kCesidStoreTable, &load_entry, &visit) < 0)
    host().error(
        "cannot read the CESID table from the store; emergency calls use the default CESID");
  for (const std::string &dn : visit.bad)
    host().error("stored CESID entry of DN " + dn + " is unreadable; ignored");
  publish_table_gauge();
  if (settings_.gateways.empty())
    host().warning(
        "no emergency gateways configured: emergency calls are left to the routes module");
  if (default_cesid().empty())
    host().warning(
        "no system default CESID (options default_cesid): a DN without a CESID entry "
        "calls the emergency service without one");
  host().info("CESID table: " + std::to_string(table_.size()) + " entr" +
              (table_.size() == 1 ? "y" : "ies") + "; " +
              std::to_string(settings_.gateways.size()) + " emergency gateway(s)");
}

void EmergencyModule::stop() {
  webhooks_.stop();
}

std::string EmergencyModule::check_reconfigure(const Config &config) {
  return read_emergency_settings(host(), config) ? std::string()
                                                 : "invalid emergency configuration";
}

void EmergencyModule::apply_reconfigure(const Config &config) {
  if (auto s = read_emergency_settings(host(), config)) settings_ = std::move(*s);
}

std::string EmergencyModule::default_cesid() const {
  if (!capabilities_ || !capabilities_->system_options) return "";
  ls_system_options_t o{};
  o.size = sizeof o;
  if (capabilities_->system_options(capabilities_self_, &o) != 0 || !o.default_cesid) return "";
  return o.default_cesid;
}

bool EmergencyModule::is_emergency_number(const std::string &dialled) const {
  if (!capabilities_ || !capabilities_->system_options || dialled.empty()) return false;
  ls_system_options_t o{};
  o.size = sizeof o;
  if (capabilities_->system_options(capabilities_self_, &o) != 0 || !o.emergency_numbers)
    return false;
  for (uint32_t i = 0; i < o.emergency_number_count; ++i) {
    if (o.emergency_numbers[i] && dialled == o.emergency_numbers[i]) return true;
  }
  return false;
}

bool EmergencyModule::find_device(const std::string &dn, const std::string &user,
                                  ls_device_info_t &out) const {
  out = ls_device_info_t{};
  out.size = sizeof out;
  if (!dn.empty() && directory_->device_by_dn(directory_self_, dn.c_str(), &out) == 0) return true;
  out = ls_device_info_t{};
  out.size = sizeof out;
  if (!user.empty() && directory_->device_by_user(directory_self_, user.c_str(), &out) == 0)
    return true;
  out = ls_device_info_t{};
  out.size = sizeof out;
  return !user.empty() && directory_->device_by_dn(directory_self_, user.c_str(), &out) == 0;
}

bool EmergencyModule::registered_from(const std::string &user, const std::string &addr) const {
  void *self = nullptr;
  const auto *location =
      host().provider<ls_location_v1_t>(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, &self);
  if (!location || user.empty() || addr.empty()) return false;
  SourceMatch m{&addr};
  location->lookup(self, user.c_str(), &match_source, &m);
  return m.found;
}

void EmergencyModule::notify_start(const EmergencyEvent &event) {
  if (!settings_.webhooks.empty())
    webhooks_.post(settings_.webhooks, "emergency_call", webhook_json(event),
                   settings_.webhook_policy);
  if (!settings_.front_desk.empty())
    front_desk_.notify(settings_.front_desk, front_desk_text(event), directory_, directory_self_);
}

void EmergencyModule::notify_outcome(const EmergencyEvent &event, const std::string &what,
                                     uint32_t status) {
  const int64_t now_ms = host().now_unix() * 1000;
  if (!settings_.webhooks.empty())
    webhooks_.post(settings_.webhooks, what, outcome_json(event, what, status, now_ms),
                   settings_.webhook_policy);
  if (!settings_.front_desk.empty() && what != "emergency_call_answered")
    front_desk_.notify(settings_.front_desk, front_desk_failure_text(event, status), directory_,
                       directory_self_);
}

void EmergencyModule::publish_table_gauge() {
  host().metric_set("cesid_entries", static_cast<int64_t>(table_.size()));
}

void EmergencyModule::reply(ls_admin_reply_t *reply, uint32_t status,
                            const std::string &body) const {
  host().raw()->admin_reply(reply, status, nullptr, body.data(), body.size());
}

}  // namespace lineside::emergency
