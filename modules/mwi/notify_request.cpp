// mwi/notify_request.cpp: building dialog and unsolicited NOTIFYs; sending them via the host.
#include "notify_request.hpp"

#include "mailbox_state.hpp"

namespace lineside::mwi {
namespace {

std::string event_line(std::string_view event_id) {
  std::string line = "Event: ";
  line += kEventPackage;
  if (!event_id.empty()) line.append(";id=").append(event_id);
  return line + "\r\n";
}

/// The URI inside a route value ("<sip:p.example;lr>" -> "sip:p.example;lr").
std::string route_uri(std::string_view route) {
  const size_t open = route.find('<');
  const size_t close = route.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::string(route);
  return std::string(route.substr(open + 1, close - open - 1));
}

}  // namespace

std::string active_state(int64_t remaining_seconds) {
  return "active;expires=" + std::to_string(remaining_seconds < 0 ? 0 : remaining_seconds);
}

std::string terminated_state(std::string_view reason) {
  std::string state = "terminated";
  if (!reason.empty()) state.append(";reason=").append(reason);
  return state;
}

NotifyMessage dialog_notify(const Subscription &s, std::string_view state, std::string body) {
  NotifyMessage m;
  m.request_uri = s.remote_target;
  m.from = s.local_party;
  m.to = s.remote_party;
  m.call_id = s.call_id;
  m.cseq = s.local_cseq;
  m.transport = s.transport;
  m.flow = s.connection_oriented() ? s.flow : 0;
  m.headers = event_line(s.event_id);
  m.headers.append("Subscription-State: ").append(state).append("\r\n");
  for (const std::string &route : s.route_set) m.headers += "Route: " + route + "\r\n";
  if (!s.route_set.empty()) m.next_hop = route_uri(s.route_set.front());
  m.body = std::move(body);
  return m;
}

NotifyMessage unsolicited_notify(std::string_view contact_uri, uint32_t transport,
                                 ls_flow_id_t flow, std::string_view device_user,
                                 std::string_view mailbox, std::string_view domain,
                                 std::string_view from_tag, std::string body) {
  NotifyMessage m;
  m.request_uri = std::string(contact_uri);
  m.from = "<" + message_account_uri(mailbox, domain) + ">;tag=" + std::string(from_tag);
  m.to = "<sip:" + std::string(device_user) + "@" + std::string(domain) + ">";
  m.cseq = 1;
  m.transport = transport;
  m.flow = transport == LS_TRANSPORT_UDP ? 0 : flow;
  m.headers = event_line("") + "Subscription-State: active\r\n";
  m.body = std::move(body);
  return m;
}

bool RequestSender::available() const {
  const ls_host_t *raw = host_.raw();
  return LS_HAS_FIELD(raw, ls_host_t, request_send) && raw->request_send != nullptr;
}

bool RequestSender::send(const NotifyMessage &m, Done done) {
  if (!available()) return false;
  ls_outgoing_request_t req{};
  req.size = sizeof req;
  req.transport = m.transport;
  req.method = "NOTIFY";
  req.request_uri = m.request_uri.c_str();
  req.from = m.from.empty() ? nullptr : m.from.c_str();
  req.to = m.to.c_str();
  req.call_id = m.call_id.empty() ? nullptr : m.call_id.c_str();
  req.cseq = m.cseq;
  req.headers = m.headers.empty() ? nullptr : m.headers.c_str();
  req.content_type = kMessageSummaryType;
  req.body = m.body.data();
  req.body_len = m.body.size();
  req.flow = m.flow;
  req.next_hop = m.next_hop.empty() ? nullptr : m.next_hop.c_str();

  auto pending = std::make_unique<Pending>();
  pending->owner = this;
  pending->id = next_id_++;
  pending->done = std::move(done);
  Pending *arg = pending.get();
  pending_.emplace(arg->id, std::move(pending));
  if (host_.raw()->request_send(host_.ctx(), &req, &RequestSender::on_outcome, arg) != 0) {
    pending_.erase(arg->id);
    return false;
  }
  return true;
}

void RequestSender::on_outcome(void *arg, const ls_request_outcome_t *outcome) {
  auto *p = static_cast<Pending *>(arg);
  RequestSender *owner = p->owner;
  auto it = owner->pending_.find(p->id);
  if (it == owner->pending_.end()) return;
  std::unique_ptr<Pending> done_with = std::move(it->second);
  owner->pending_.erase(it);
  const uint32_t status = outcome ? outcome->status : 408;
  if (done_with->done) done_with->done(status);
}

}  // namespace lineside::mwi
