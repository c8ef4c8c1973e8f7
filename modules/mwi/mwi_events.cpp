// mwi/mwi_events.cpp: what the mwi module does when phones register, connections close, devices
// change, and once after start (re-sending every state: the state survives a restart).
#include <cstring>
#include <map>
#include <optional>
#include <vector>

#include "mwi_module.hpp"

namespace lineside::mwi {
namespace {

/// The user part of an AoR ("sip:1001@pbx.test" -> "1001"), or "".
std::string aor_user(const char *aor) {
  if (!aor) return "";
  std::string_view text(aor);
  const size_t colon = text.find(':');
  const size_t at = text.find('@');
  if (colon == std::string_view::npos || at == std::string_view::npos || at <= colon) return "";
  return std::string(text.substr(colon + 1, at - colon - 1));
}

struct Contact {
  std::string device_id;
  std::string user;
  std::string contact;
  uint32_t transport;
  ls_flow_id_t flow;
};

int collect_live(void *arg, const ls_binding_t *b) {
  auto &out = *static_cast<std::vector<Contact> *>(arg);
  if (!b->device_id || !b->user || !b->contact_uri || b->awaiting_reconnect) return 0;
  out.push_back({b->device_id, b->user, b->contact_uri, b->transport, b->flow});
  return 0;
}

}  // namespace

void MwiModule::on_registration(uint32_t event_id, const void *payload) {
  const auto *ev = static_cast<const ls_registration_event_t *>(payload);
  if (event_id != LS_EVENT_REGISTRATION ||
      !LS_HAS_FIELD(ev, ls_registration_event_t, source_addr) || !ev->device_id ||
      (ev->change != LS_REG_BOUND && ev->change != LS_REG_REFRESHED))
    return;
  const std::string device_id = ev->device_id;
  for (const std::string &id : subs_.of_device(device_id)) {
    Subscription *s = subs_.find(id);
    if (!s || s->terminating) continue;
    // The phone's new connection carries its TCP/TLS subscriptions from now on.
    if (s->connection_oriented() && ev->transport == s->transport && ev->flow != 0 &&
        ev->source_addr && s->source_addr == ev->source_addr)
      s->flow = ev->flow;
    if (settings_.notify_on_register) s->dirty = true;
    pump(id);  // also sends a state held back while the connection was down
  }
  if (!settings_.notify_on_register || !settings_.unsolicited_for(device_id) || !ev->contact_uri)
    return;
  const std::string user = aor_user(ev->aor);
  const std::optional<DeviceView> device = directory_.device_for(user);
  if (!device || device->device_id != device_id || device_watches(device_id, device->mailbox))
    return;
  send_unsolicited(ev->contact_uri, ev->transport, ev->flow, user, device->mailbox);
}

void MwiModule::on_flow_closed(uint32_t event_id, const void *payload) {
  const auto *ev = static_cast<const ls_flow_event_t *>(payload);
  if (event_id != LS_EVENT_FLOW_CLOSED || !LS_HAS_FIELD(ev, ls_flow_event_t, flow) || ev->flow == 0)
    return;
  std::vector<std::string> ids;
  subs_.for_each([&](const Subscription &s) {
    if (s.flow == ev->flow) ids.push_back(s.id);
    return true;
  });
  for (const std::string &id : ids) {
    if (Subscription *s = subs_.find(id)) s->flow = 0;
  }
}

void MwiModule::on_device_changed(uint32_t event_id, const void *payload) {
  const auto *ev = static_cast<const ls_device_event_t *>(payload);
  if (event_id != LS_EVENT_DEVICE_CHANGED || !LS_HAS_FIELD(ev, ls_device_event_t, user) ||
      !ev->device_id)
    return;
  const std::vector<std::string> ids = subs_.of_device(ev->device_id);
  if (ev->change == LS_DEVICE_REMOVED) {
    for (const std::string &id : ids) drop(id);
    if (!ids.empty())
      host().info(std::to_string(ids.size()) + " subscription(s) of deleted device " +
                  ev->device_id + " dropped");
    return;
  }
  if (ev->change != LS_DEVICE_UPDATED || !ev->user) return;
  const std::optional<DeviceView> device = directory_.device_for(ev->user);
  if (!device || device->device_id != ev->device_id) return;
  for (const std::string &id : ids) {
    Subscription *s = subs_.find(id);
    if (!s || s->terminating) continue;
    const bool moved =
        s->follows_device && s->mailbox != device->mailbox && valid_mailbox_name(device->mailbox);
    if (!moved && s->device_user == device->user) continue;
    s->device_user = device->user;
    if (moved) subs_.set_mailbox(*s, device->mailbox);
    persist(*s);
    if (moved) notify_state(*s);
  }
}

void MwiModule::resend_all() {
  resend_timer_ = 0;
  std::vector<std::string> ids;
  for (const std::string &id : restored_ids_) {
    Subscription *s = subs_.find(id);
    if (!s || s->terminating || s->connection_oriented()) continue;
    ids.push_back(id);
    notify_state(*s);
  }
  restored_ids_.clear();
  size_t unsolicited = 0;
  if (settings_.unsolicited_all || !settings_.unsolicited_devices.empty()) {
    std::vector<Contact> contacts;
    directory_.all_bindings(&collect_live, &contacts);
    std::map<std::string, std::optional<DeviceView>> devices;
    for (const Contact &c : contacts) {
      if (!settings_.unsolicited_for(c.device_id)) continue;
      auto it = devices.find(c.user);
      if (it == devices.end()) it = devices.emplace(c.user, directory_.device_for(c.user)).first;
      if (!it->second || device_watches(c.device_id, it->second->mailbox)) continue;
      send_unsolicited(c.contact, c.transport, c.flow, c.user, it->second->mailbox);
      ++unsolicited;
    }
  }
  if (!ids.empty() || unsolicited != 0)
    host().info("re-sent MWI state to " + std::to_string(ids.size()) + " subscription(s) and " +
                std::to_string(unsolicited) + " unsolicited contact(s)");
}

}  // namespace lineside::mwi
