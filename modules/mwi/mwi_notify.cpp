// mwi/mwi_notify.cpp: NOTIFY sending (one outstanding per subscription, RFC 6665 §4.2.2), its
// outcomes, state changes of mailboxes, and unsolicited NOTIFYs to registered contacts.
#include <map>
#include <optional>
#include <vector>

#include "mwi_module.hpp"

namespace lineside::mwi {
namespace {

/// Final NOTIFY statuses after which the subscription is gone (RFC 6665 §4.2.2), and the
/// transaction timeout.
bool failure_ends_subscription(uint32_t status) {
  switch (status) {
    case 404:
    case 405:
    case 408:
    case 410:
    case 416:
    case 480:
    case 481:
    case 482:
    case 483:
    case 484:
    case 485:
    case 489:
    case 501:
    case 604:
      return true;
    default:
      return false;
  }
}

/// A registered contact of an unsolicited device.
struct UnsolicitedTarget {
  std::string device_id;
  std::string user;
  std::string contact;
  uint32_t transport;
  ls_flow_id_t flow;
};

struct TargetScan {
  const MwiSettings *settings;
  std::vector<UnsolicitedTarget> out;
};

int collect_unsolicited(void *arg, const ls_binding_t *b) {
  auto &scan = *static_cast<TargetScan *>(arg);
  if (!b->device_id || !b->user || !b->contact_uri || b->awaiting_reconnect) return 0;
  if (!scan.settings->unsolicited_for(b->device_id)) return 0;
  if (b->transport != LS_TRANSPORT_UDP && b->flow == 0) return 0;  // never dial a TCP/TLS phone
  scan.out.push_back({b->device_id, b->user, b->contact_uri, b->transport, b->flow});
  return 0;
}

}  // namespace

std::string MwiModule::summary_body(const std::string &mailbox) const {
  auto it = mailboxes_.find(mailbox);
  const MailboxCounts counts = it == mailboxes_.end() ? MailboxCounts{} : it->second.counts;
  return message_summary_body(counts, message_account_uri(mailbox, host().sip_domain()));
}

void MwiModule::notify_state(Subscription &s) {
  if (s.terminating) return;
  s.dirty = true;
  pump(s.id);
}

void MwiModule::terminate(Subscription &s, const std::string &reason) {
  if (s.terminating) return;
  s.terminating = true;
  s.terminate_reason = reason;
  s.dirty = false;
  forget_stored(s.id);  // ended whatever becomes of the final NOTIFY
  pump(s.id);
}

void MwiModule::pump(const std::string &id) {
  Subscription *s = subs_.find(id);
  if (!s || s->in_flight) return;
  if (s->terminating && s->final_sent) return drop(id);
  if (!s->terminating && !s->dirty) return;
  if (s->connection_oriented() && !flow_open(s->flow)) {
    s->flow = 0;  // the phone's connection is gone: the state waits for its reconnection
    if (s->terminating) drop(id);
    return;
  }
  const std::string state = s->terminating ? terminated_state(s->terminate_reason)
                                           : active_state(s->remaining(host().now_unix()));
  ++s->local_cseq;
  s->dirty = false;
  s->in_flight = true;
  if (s->terminating) {
    s->final_sent = true;
  } else {
    persist(*s);  // the CSeq must keep growing across a restart
  }
  const bool sent = sender_.send(dialog_notify(*s, state, summary_body(s->mailbox)),
                                 [this, id](uint32_t status) { on_notify_outcome(id, status); });
  if (sent) {
    host().metric_add("notifies");
    return;
  }
  host().metric_add("notify_failures");
  s->in_flight = false;
  if (s->terminating) return drop(id);
  if (s->connection_oriented()) {
    s->flow = 0;  // refused because the connection closed: wait for the phone
    s->dirty = true;
  } else {
    host().warning("NOTIFY to " + s->remote_target + " for subscription " + id +
                   " could not be sent");
  }
}

void MwiModule::on_notify_outcome(const std::string &id, uint32_t status) {
  Subscription *s = subs_.find(id);
  if (!s) return;
  s->in_flight = false;
  if (s->final_sent) return drop(id);
  if (status >= 300) {
    host().metric_add("notify_failures");
    if (failure_ends_subscription(status)) {
      host().info("NOTIFY for subscription " + id + " of " + s->device_id + " failed with " +
                  std::to_string(status) + ": subscription removed");
      return drop(id);
    }
    if (status == 503 && s->connection_oriented()) {
      s->flow = 0;
      s->dirty = true;
      return;
    }
  }
  pump(id);  // a change that came in meanwhile
}

void MwiModule::drop(const std::string &id) {
  if (!subs_.erase(id)) return;
  forget_stored(id);
  publish_gauges();
}

size_t MwiModule::set_mailbox_state(const std::string &mailbox, const MailboxCounts &counts) {
  MailboxRecord &record = mailboxes_[mailbox];
  record.counts = counts;
  record.updated_at = host().now_unix();
  persist_mailbox(mailbox, record);
  publish_gauges();
  host().metric_add("state_changes");
  size_t notified = 0;
  for (const std::string &id : subs_.of_mailbox(mailbox)) {
    if (Subscription *s = subs_.find(id); s && !s->terminating) {
      notify_state(*s);
      ++notified;
    }
  }
  push_unsolicited(mailbox);
  return notified;
}

bool MwiModule::clear_mailbox_state(const std::string &mailbox) {
  if (mailboxes_.erase(mailbox) == 0) return false;
  if (host().raw()->store_delete(host().ctx(), kMailboxesTable, mailbox.c_str(),
                                 &MwiModule::on_store_done, this) != 0)
    host().error("store refused to delete the state of mailbox " + mailbox);
  publish_gauges();
  host().metric_add("state_changes");
  for (const std::string &id : subs_.of_mailbox(mailbox)) {
    if (Subscription *s = subs_.find(id)) notify_state(*s);
  }
  push_unsolicited(mailbox);
  return true;
}

bool MwiModule::device_watches(const std::string &device_id, const std::string &mailbox) const {
  for (const std::string &id : subs_.of_device(device_id)) {
    const Subscription *s = subs_.find(id);
    if (s && !s->terminating && s->mailbox == mailbox) return true;
  }
  return false;
}

void MwiModule::push_unsolicited(const std::string &mailbox) {
  if (!settings_.unsolicited_all && settings_.unsolicited_devices.empty()) return;
  TargetScan scan{&settings_, {}};
  directory_.all_bindings(&collect_unsolicited, &scan);
  std::map<std::string, std::optional<DeviceView>> devices;  // one directory lookup per user
  for (const UnsolicitedTarget &t : scan.out) {
    auto it = devices.find(t.user);
    if (it == devices.end()) it = devices.emplace(t.user, directory_.device_for(t.user)).first;
    const std::optional<DeviceView> &device = it->second;
    if (!device || device->mailbox != mailbox || device_watches(t.device_id, mailbox)) continue;
    send_unsolicited(t.contact, t.transport, t.flow, t.user, mailbox);
  }
}

void MwiModule::send_unsolicited(const std::string &contact, uint32_t transport, ls_flow_id_t flow,
                                 const std::string &device_user, const std::string &mailbox) {
  if (transport != LS_TRANSPORT_UDP && !flow_open(flow)) return;
  NotifyMessage m = unsolicited_notify(contact, transport, flow, device_user, mailbox,
                                       host().sip_domain(), new_tag(), summary_body(mailbox));
  const bool sent = sender_.send(m, [this](uint32_t status) {
    if (status >= 300) host().metric_add("unsolicited_failures");
  });
  host().metric_add(sent ? "unsolicited_notifies" : "unsolicited_failures");
}

}  // namespace lineside::mwi
