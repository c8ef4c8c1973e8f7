// registrar/registrar_changes.cpp: the registrar's in-memory changes and their events: apply,
// roll back, expiry, flow closure, and restoring saved bindings at start.
#include <stdexcept>

#include "binding_codec.hpp"
#include "registrar_module.hpp"

namespace lineside::registrar {
namespace {

/// What store_scan found: bindings to re-create and records to delete.
struct RestoreScan {
  int64_t now = 0;
  std::vector<Binding> live;
  std::vector<std::string> stale_keys;
  size_t unreadable = 0;
};

int collect_saved(void *arg, const char *key, const void *value, size_t len) {
  auto &scan = *static_cast<RestoreScan *>(arg);
  auto binding = decode_binding(std::string_view(static_cast<const char *>(value), len));
  if (!binding || binding->store_key() != key) {
    ++scan.unreadable;
    scan.stale_keys.emplace_back(key);
  } else if (binding->expires_at <= scan.now) {
    scan.stale_keys.emplace_back(key);
  } else {
    scan.live.push_back(std::move(*binding));
  }
  return 0;
}

}  // namespace

void RegistrarModule::apply_changes(std::vector<BindingChange> &changes) {
  for (BindingChange &c : changes) {
    if (c.after) {
      c.after->revision = next_revision_++;
      table_.put(*c.after);
    } else {
      table_.erase(c.store_key);
    }
  }
}

void RegistrarModule::roll_back(const std::vector<BindingChange> &changes) {
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    const Binding *current = table_.find(it->store_key);
    // Undo only what is still ours: a later REGISTER may have written the binding since.
    const bool still_ours = it->after ? (current && current->revision == it->after->revision)
                                      : current == nullptr;
    if (!still_ours) continue;
    if (it->before) {
      table_.put(*it->before);
    } else {
      table_.erase(it->store_key);
    }
  }
}

void RegistrarModule::emit_committed(const std::vector<BindingChange> &changes) {
  for (const BindingChange &c : changes) {
    if (c.before && c.after && c.before->contact_uri == c.after->contact_uri) {
      emit(LS_REG_REFRESHED, *c.after);
      continue;
    }
    if (c.before) emit(LS_REG_REMOVED, *c.before);  // also an instance that moved to a new contact
    if (c.after) emit(LS_REG_BOUND, *c.after);
  }
}

void RegistrarModule::emit(uint32_t change, const Binding &b) {
  ls_registration_event_t event{};
  event.size = sizeof event;
  event.change = change;
  event.aor = b.aor.c_str();
  event.device_id = b.device_id.c_str();
  event.contact_uri = b.contact_uri.c_str();
  event.expires_at = (change == LS_REG_EXPIRED || change == LS_REG_REMOVED) ? 0 : b.expires_at;
  event.transport = b.transport;
  event.flow = b.flow;
  event.source_addr = b.source_addr.c_str();
  event.source_port = b.source_port;
  event.user_agent = b.user_agent.empty() ? nullptr : b.user_agent.c_str();
  host().raw()->event_emit(host().ctx(), LS_EVENT_REGISTRATION, &event);
}

void RegistrarModule::publish_gauge() {
  host().metric_set("bindings", static_cast<int64_t>(table_.size()));
}

void RegistrarModule::expire_due() {
  const std::vector<std::string> due = table_.expired(host().now_unix());
  for (const std::string &key : due) {
    auto removed = table_.erase(key);
    if (!removed) continue;
    writer_.erase(key);
    host().metric_add("expired");
    emit(LS_REG_EXPIRED, *removed);
  }
  if (!due.empty()) publish_gauge();
}

void RegistrarModule::on_flow_closed(uint32_t event_id, const void *payload) {
  const auto *event = static_cast<const ls_flow_event_t *>(payload);
  if (event_id != LS_EVENT_FLOW_CLOSED || !LS_HAS_FIELD(event, ls_flow_event_t, flow) ||
      event->flow == 0)
    return;
  const std::vector<std::string> keys = table_.on_flow(event->flow);
  for (const std::string &key : keys) {
    Binding b = *table_.find(key);
    b.flow = 0;
    b.awaiting_reconnect = true;
    table_.put(b);
  }
  if (!keys.empty())
    host().info(std::to_string(keys.size()) + " binding(s) await reconnection after flow " +
                std::to_string(event->flow) + " closed");
}

void RegistrarModule::on_device_changed(uint32_t event_id, const void *payload) {
  const auto *event = static_cast<const ls_device_event_t *>(payload);
  if (event_id != LS_EVENT_DEVICE_CHANGED || !LS_HAS_FIELD(event, ls_device_event_t, old_user) ||
      !event->device_id || !event->old_user)
    return;
  const bool removed = event->change == LS_DEVICE_REMOVED;
  const bool renamed = event->change == LS_DEVICE_UPDATED && event->user && std::string(event->user) != event->old_user;
  if (!removed && !renamed) return;
  std::vector<std::string> keys;
  table_.for_each([&](const Binding &b) {
    if (b.device_id == event->device_id && (removed || b.user == event->old_user)) keys.push_back(b.store_key());
    return true;
  });
  for (const std::string &key : keys) {
    auto gone = table_.erase(key);
    if (!gone) continue;
    writer_.erase(key);
    emit(LS_REG_REMOVED, *gone);
  }
  if (!keys.empty()) {
    publish_gauge();
    host().info(std::to_string(keys.size()) + " binding(s) of device " + event->device_id + " dropped (device " +
                (removed ? "deleted" : "renamed") + ")");
  }
}

void RegistrarModule::restore_from_store() {
  RestoreScan scan;
  scan.now = host().now_unix();
  if (host().raw()->store_scan(host().ctx(), kBindingsTable, &collect_saved, &scan) < 0)
    throw std::runtime_error("cannot read saved registrations from the store");
  for (Binding &b : scan.live) {
    // Flow ids do not survive a restart; the server may never dial a phone over TCP/TLS, so
    // such a binding waits until the phone reconnects and registers again.
    b.flow = 0;
    b.awaiting_reconnect = is_connection_oriented(b.transport);
    b.revision = next_revision_++;
    table_.put(b);
    emit(LS_REG_RESTORED, b);
  }
  for (const std::string &key : scan.stale_keys) writer_.erase(key);
  publish_gauge();
  std::string message = "restored " + std::to_string(scan.live.size()) + " binding(s) from the store";
  if (!scan.stale_keys.empty()) {
    message += "; dropped " + std::to_string(scan.stale_keys.size()) + " (" +
               std::to_string(scan.unreadable) + " unreadable, the rest expired)";
  }
  host().notice(message);
}

}  // namespace lineside::registrar
