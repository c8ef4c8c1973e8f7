// mwi/mwi_subscribe.cpp: SUBSCRIBE to message-summary: new subscriptions (identify, authorise,
// bound, answer, first NOTIFY), refreshes and un-subscribes inside the dialog (RFC 6665 §4.2.1).
#include <cstring>
#include <string_view>

#include "mwi_module.hpp"

namespace lineside::mwi {
namespace {

bool is_sip_uri(std::string_view uri) {
  return uri.rfind("sip:", 0) == 0 || uri.rfind("sips:", 0) == 0;
}

/// Our Contact for a 200: where the phone sent the SUBSCRIBE. The NOTIFYs then carry the host's
/// own listener Contact, which updates the phone's remote target (NOTIFY is a target refresh).
std::string our_contact(const SubscribeInput &in) {
  std::string hostport = uri_hostport(in.request_uri);
  if (hostport.empty()) return "";
  std::string contact = "<sip:" + hostport;
  if (in.peer.transport != LS_TRANSPORT_UDP)
    contact += std::string(";transport=") + transport_name(in.peer.transport);
  return contact + ">";
}

std::string peer_addr(const ls_peer_t &peer) {
  return std::string(peer.addr, strnlen(peer.addr, sizeof peer.addr));
}

}  // namespace

uint32_t MwiModule::on_subscribe(Request &req) {
  const SubscribeInput in = read_subscribe_input(req);
  if (!in.event_present)
    return LS_VERDICT_CONTINUE;  // no event: no module's (the kernel answers 489)
  if (!in.event) return refuse(req, 400, "Malformed Event Header");
  if (in.event->package != kEventPackage) return LS_VERDICT_CONTINUE;  // another package's
  return in.to_tag.empty() ? on_initial_subscribe(req, in) : on_subscribe_in_dialog(req, in);
}

uint32_t MwiModule::refuse(Request &req, uint32_t status, const char *reason,
                           const std::vector<Header> &headers) {
  host().metric_add("subscribe_refusals");
  req.respond(status, reason, headers);
  return LS_VERDICT_STOP;
}

uint32_t MwiModule::check_common(Request &req, const SubscribeInput &in, ExpiresDecision &expires) {
  if (!in.accept_ok) {
    refuse(req, 406, "Not Acceptable", {{"Accept", kMessageSummaryType}});
    return 406;
  }
  if (!in.expires.valid) {
    refuse(req, 400, "Malformed Expires");
    return 400;
  }
  expires = decide_expires(in.expires, settings_);
  if (expires.status == 423) {
    refuse(req, 423, "Interval Too Brief", {{"Min-Expires", std::to_string(expires.granted)}});
    return 423;
  }
  return 0;
}

void MwiModule::answer_ok(Request &req, const SubscribeInput &in, int64_t granted,
                          const std::string &to_tag) {
  std::vector<Header> headers;
  if (!to_tag.empty()) headers.push_back({"To", in.to_value + ";tag=" + to_tag});
  headers.push_back({"Expires", std::to_string(granted)});
  if (std::string contact = our_contact(in); !contact.empty())
    headers.push_back({"Contact", contact});
  req.respond(200, "OK", headers);
}

uint32_t MwiModule::on_initial_subscribe(Request &req, const SubscribeInput &in) {
  const Identification who =
      identify_subscriber(directory_, in.from_user, in.auth_device_id, in.peer);
  if (!who.device) {
    host().info("refused SUBSCRIBE from " + peer_addr(in.peer) +
                ": not a provisioned device proven by digest or by its registration");
    return refuse(req, who.status, "Forbidden");
  }
  const DeviceView &device = *who.device;
  bool follows_device = true;
  const auto mailbox = mailbox_for_target(device, in.request_uri_user, follows_device);
  if (!mailbox || !valid_mailbox_name(*mailbox)) {
    host().info("refused SUBSCRIBE of " + device.device_id + " to a mailbox that is not its own");
    return refuse(req, 403, "Not Your Mailbox");
  }
  if (in.call_id.empty() || in.from_tag.empty() || in.from_value.empty() || in.to_value.empty())
    return refuse(req, 400, "Missing Dialog Identifiers");
  if (in.contact_count == 0 || in.contact_star || !is_sip_uri(in.contact_uri))
    return refuse(req, 400, "Missing Or Bad Contact");
  ExpiresDecision expires;
  if (check_common(req, in, expires) != 0) return LS_VERDICT_STOP;

  const int64_t now = host().now_unix();
  if (Subscription *existing = subs_.find_by_remote(in.call_id, in.from_tag);
      existing && !existing->terminating) {
    if (in.cseq == existing->remote_cseq) {  // a retransmission: answer it the same way again
      answer_ok(req, in, existing->remaining(now), existing->id);
      return LS_VERDICT_STOP;
    }
    if (in.cseq < existing->remote_cseq)
      return refuse(req, 500, "CSeq Out Of Order", {{"Retry-After", "1"}});
    drop(existing->id);  // the phone started over with the same Call-ID and tag
  }
  if (expires.granted == 0) {  // a fetch: one NOTIFY with the state, no subscription (RFC 6665)
    const std::string tag = new_tag();
    answer_ok(req, in, 0, tag);
    host().metric_add("fetches");
    fetch_once(in, tag, device, *mailbox);
    return LS_VERDICT_STOP;
  }
  make_room_for(device.device_id, *mailbox, in.contact_uri);
  if (subs_.size() >= settings_.max_subscriptions) {
    host().warning("subscription limit (" + std::to_string(settings_.max_subscriptions) +
                   ") reached; refusing " + device.device_id);
    return refuse(req, 503, "Too Many Subscriptions", {{"Retry-After", "300"}});
  }

  Subscription s;
  s.id = new_tag();
  s.call_id = in.call_id;
  s.remote_tag = in.from_tag;
  s.remote_party = in.from_value;
  s.local_party = in.to_value + ";tag=" + s.id;
  s.remote_target = in.contact_uri;
  s.route_set = in.record_route;
  s.event_id = in.event->id;
  s.remote_cseq = in.cseq;
  s.device_id = device.device_id;
  s.device_user = device.user;
  s.mailbox = *mailbox;
  s.follows_device = follows_device;
  s.transport = in.peer.transport;
  s.source_addr = peer_addr(in.peer);
  s.source_port = in.peer.port;
  s.flow = s.connection_oriented() ? in.peer.flow : 0;
  s.created_at = now;
  s.expires_at = now + expires.granted;
  answer_ok(req, in, expires.granted, s.id);
  Subscription &stored = subs_.put(std::move(s));
  persist(stored);
  publish_gauges();
  host().metric_add("subscribes");
  host().info("device " + stored.device_id + " subscribed to mailbox " + stored.mailbox + " for " +
              std::to_string(expires.granted) + "s over " + transport_name(stored.transport));
  notify_state(stored);
  return LS_VERDICT_STOP;
}

void MwiModule::fetch_once(const SubscribeInput &in, const std::string &tag,
                           const DeviceView &device, const std::string &mailbox) {
  Subscription once;
  once.id = tag;
  once.call_id = in.call_id;
  once.remote_party = in.from_value;
  once.local_party = in.to_value + ";tag=" + tag;
  once.remote_target = in.contact_uri;
  once.route_set = in.record_route;
  once.event_id = in.event ? in.event->id : "";
  once.local_cseq = 1;
  once.device_id = device.device_id;
  once.mailbox = mailbox;
  once.transport = in.peer.transport;
  once.flow = once.connection_oriented() ? in.peer.flow : 0;
  if (sender_.send(dialog_notify(once, terminated_state("timeout"), summary_body(mailbox)),
                   nullptr))
    host().metric_add("notifies");
}

void MwiModule::make_room_for(const std::string &device_id, const std::string &mailbox,
                              const std::string &target) {
  std::vector<std::string> live;
  for (const std::string &id : subs_.of_device(device_id)) {
    Subscription *s = subs_.find(id);
    if (!s || s->terminating) continue;
    if (s->mailbox == mailbox && s->remote_target == target) {
      drop(id);  // the same phone subscribing anew (it restarted and forgot the old dialog)
      continue;
    }
    live.push_back(id);
  }
  // Oldest first: end as many as needed so the new one fits the per-device bound.
  for (size_t i = 0; i + settings_.max_subscriptions_per_device <= live.size(); ++i) {
    if (Subscription *old = subs_.find(live[i])) {
      host().info("device " + device_id + " is at its subscription limit; ending its oldest (" +
                  old->id + ")");
      terminate(*old, "rejected");
    }
  }
}

uint32_t MwiModule::on_subscribe_in_dialog(Request &req, const SubscribeInput &in) {
  Subscription *s = subs_.find_dialog(in.call_id, in.from_tag, in.to_tag);
  if (!s || s->terminating || s->source_addr != peer_addr(in.peer))
    return refuse(req, 481, "Subscription Does Not Exist");
  const int64_t now = host().now_unix();
  if (in.cseq < s->remote_cseq)
    return refuse(req, 500, "CSeq Out Of Order", {{"Retry-After", "1"}});
  ExpiresDecision expires;
  if (check_common(req, in, expires) != 0) return LS_VERDICT_STOP;
  if (in.cseq == s->remote_cseq) {  // a retransmission of the refresh we already took
    answer_ok(req, in, s->remaining(now), "");
    return LS_VERDICT_STOP;
  }
  s->remote_cseq = in.cseq;
  if (in.contact_count > 0 && !in.contact_star && is_sip_uri(in.contact_uri))
    s->remote_target = in.contact_uri;
  if (s->connection_oriented() && in.peer.transport == s->transport) s->flow = in.peer.flow;
  s->source_port = in.peer.port;
  answer_ok(req, in, expires.granted, "");
  if (expires.granted == 0) {
    host().metric_add("unsubscribes");
    host().info("device " + s->device_id + " un-subscribed from mailbox " + s->mailbox);
    terminate(*s, "");
    return LS_VERDICT_STOP;
  }
  subs_.set_expires_at(*s, now + expires.granted);
  persist(*s);
  host().metric_add("refreshes");
  notify_state(*s);
  return LS_VERDICT_STOP;
}

}  // namespace lineside::mwi
