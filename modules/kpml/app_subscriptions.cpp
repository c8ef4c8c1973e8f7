// kpml/app_subscriptions.cpp: applications' kpml SUBSCRIBEs relayed to the phone of the DN.
#include "app_subscriptions.hpp"

#include <algorithm>
#include <cstring>
#include <random>
#include <utility>

#include "event_header.hpp"
#include "kpml_pattern.hpp"
#include "kpml_xml.hpp"

namespace lineside::kpml {
namespace {

/// The SIP status and phrase an application gets when the collection cannot start.
std::pair<uint32_t, const char *> refusal_of(uint32_t start_status) {
  if (start_status == 400) return {400, "Bad KPML Request"};
  if (start_status == 409) return {480, "Temporarily Unavailable"};  // no usable contact
  return {503, "Service Unavailable"};
}

std::optional<int64_t> expires_of(Request &req) {
  const char *v = req.header("Expires");
  if (!v) return std::nullopt;
  char *end = nullptr;
  const long long n = std::strtoll(v, &end, 10);
  if (end == v || n < 0) return -1;
  return static_cast<int64_t>(n);
}

}  // namespace

AppSubscriptions::AppSubscriptions(Host host, Collector &collector,
                                   const ls_directory_v1_t *directory, void *directory_self,
                                   const KpmlSettings &settings)
    : host_(host),
      collector_(collector),
      directory_(directory),
      directory_self_(directory_self),
      settings_(settings) {}

bool AppSubscriptions::is_kpml_subscribe(Request &req) {
  if (req.method() != "SUBSCRIBE") return false;
  const char *event = req.header("Event");
  const std::optional<EventHeader> e = event ? parse_event(event) : std::nullopt;
  return e && e->package == "kpml";
}

bool AppSubscriptions::trusted(Request &req) const {
  const ls_peer_t peer = req.peer();
  const std::string source(peer.addr, strnlen(peer.addr, sizeof peer.addr));
  return std::find(settings_.trusted_sources.begin(), settings_.trusted_sources.end(), source) !=
         settings_.trusted_sources.end();
}

std::string AppSubscriptions::new_tag() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return "k" + std::to_string(++tag_counter_) + "x" + std::to_string(random() % 1000000007ULL);
}

uint32_t AppSubscriptions::refuse(Request &req, uint32_t status, const char *reason,
                                  const std::vector<Header> &headers) {
  host_.info("kpml SUBSCRIBE from " + std::string(req.field(LS_FIELD_FROM_USER)) +
             " refused: " + std::to_string(status) + " " + reason);
  host_.metric_add("app_refused");
  req.respond(status, reason, headers);
  return LS_VERDICT_STOP;
}

uint32_t AppSubscriptions::on_subscribe(Request &req, bool is_trusted) {
  if (!is_kpml_subscribe(req)) return LS_VERDICT_CONTINUE;
  if (req.has_field(LS_FIELD_TO_TAG))
    return in_dialog(req, std::string(req.field(LS_FIELD_TO_TAG)));
  if (!is_trusted && !req.attr("auth.user")) return refuse(req, 403, "Not Authorised For KPML");
  const std::string dn(req.field(LS_FIELD_REQUEST_URI_USER));
  ls_device_info_t device{};
  device.size = sizeof device;
  if (dn.empty() || !directory_ ||
      directory_->device_by_line_dn(directory_self_, dn.c_str(), &device) != 0) {
    return refuse(req, 404, "Not Found");
  }
  const std::string device_id = device.device_id ? device.device_id : "";
  const char *data = nullptr;
  size_t len = 0;
  const char *type = nullptr;
  host_.raw()->request_body(req.raw(), &data, &len, &type);
  if (!data || !len) return refuse(req, 400, "Missing KPML Request");
  if (!type || std::string_view(type).find("kpml-request+xml") == std::string_view::npos) {
    return refuse(req, 415, "Unsupported Media Type", {{"Accept", kRequestType}});
  }
  const std::optional<KpmlRequest> doc = parse_kpml_request(std::string_view(data, len));
  if (!doc || !pattern_problem(doc->pattern).empty()) return refuse(req, 400, "Bad KPML Request");
  const std::vector<ls_contact_t> contacts = req.contacts();
  if (contacts.empty() || contacts[0].is_star || !contacts[0].uri)
    return refuse(req, 400, "Missing Contact");
  const std::optional<int64_t> asked = expires_of(req);
  if (asked && *asked < 0) return refuse(req, 400, "Bad Expires");
  const int64_t max_s = settings_.max_timeout_ms / 1000;
  const int64_t expires_s =
      std::min<int64_t>(asked ? *asked : settings_.default_timeout_ms / 1000, max_s);

  AppSubscription s;
  s.id = next_id_++;
  s.call_id = std::string(req.field(LS_FIELD_CALL_ID));
  s.our_tag = new_tag();
  const char *to = req.header("To");
  const char *from = req.header("From");
  s.local_party = std::string(to ? to : "") + ";tag=" + s.our_tag;
  s.remote_party = from ? from : "";
  s.remote_target = contacts[0].uri;
  s.regex_tag = doc->tag;
  const ls_peer_t peer = req.peer();
  s.transport = peer.transport;
  s.flow = peer.transport == LS_TRANSPORT_TCP || peer.transport == LS_TRANSPORT_TLS ? peer.flow : 0;
  s.expires_s = expires_s;
  s.ends_mono_ms = host_.now_mono_ms() + expires_s * 1000;
  if (expires_s == 0) {  // a fetch (RFC 6665 4.4.3): there is no key press to report yet
    req.respond(200, nullptr, {{"To", s.local_party}, {"Expires", "0"}});
    send_notify(s, "terminated;reason=timeout", "");
    return LS_VERDICT_STOP;
  }
  const uint64_t sub_id = s.id;
  CollectRequest collect;
  collect.device_id = device_id;
  collect.pattern = doc->pattern;
  collect.timeout_ms = expires_s * 1000;
  if (const char *event = req.header("Event")) {
    if (std::optional<EventHeader> e = parse_event(event)) {
      collect.dialog_call_id = e->params["call-id"];
      collect.dialog_local_tag = e->params["local-tag"];
      collect.dialog_remote_tag = e->params["remote-tag"];
    }
  }
  CollectionListener listener;
  listener.accepted = [this, sub_id](uint64_t) { phone_accepted(sub_id); };
  listener.finished = [this, sub_id](uint64_t, uint32_t code, const std::string &digits,
                                     const std::string &text) {
    phone_finished(sub_id, code, digits, text);
  };
  const StartResult started =
      collector_.start(collect, std::move(listener));  // never calls back here
  if (!started.id) {
    host_.info("kpml SUBSCRIBE to " + dn + ": " + started.error);
    const auto [status, phrase] = refusal_of(started.status);
    return refuse(req, status, phrase);
  }
  s.token = req.suspend();
  if (!s.token) {
    collector_.cancel(started.id);
    return refuse(req, 500, "Cannot Hold The Request");
  }
  s.collection = started.id;
  subs_.emplace(sub_id, std::move(s));
  host_.metric_add("app_subscriptions");
  host_.info("kpml SUBSCRIBE to " + dn + " relayed as collection " + std::to_string(started.id));
  return LS_VERDICT_ASYNC;
}

uint32_t AppSubscriptions::in_dialog(Request &req, const std::string &to_tag) {
  const std::string call_id(req.field(LS_FIELD_CALL_ID));
  auto it = std::find_if(subs_.begin(), subs_.end(), [&](const auto &e) {
    return e.second.call_id == call_id && e.second.our_tag == to_tag;
  });
  if (it == subs_.end()) return LS_VERDICT_CONTINUE;  // not ours: the kernel answers 481
  AppSubscription &s = it->second;
  const std::optional<int64_t> asked = expires_of(req);
  if (asked && *asked == 0) {
    req.respond(200, nullptr, {{"Expires", "0"}});
    collector_.cancel(s.collection);
    send_notify(s, "terminated", "");
    subs_.erase(it);
    return LS_VERDICT_STOP;
  }
  const int64_t left_s = std::max<int64_t>(0, (s.ends_mono_ms - host_.now_mono_ms()) / 1000);
  req.respond(200, nullptr, {{"Expires", std::to_string(left_s)}});  // never beyond the collection
  return LS_VERDICT_STOP;
}

bool AppSubscriptions::answer_waiting(AppSubscription &s, uint32_t status, const char *reason) {
  const ls_token_t token = s.token;
  s.token = 0;
  ls_request_t *waiting = token ? host_.raw()->request_from_token(host_.ctx(), token) : nullptr;
  if (!waiting) return false;
  Request req(host_, waiting);
  if (status < 300) {
    req.respond(status, reason, {{"To", s.local_party}, {"Expires", std::to_string(s.expires_s)}});
  } else {
    req.respond(status, reason);
  }
  host_.raw()->request_resume(host_.ctx(), token, LS_VERDICT_STOP);
  return true;
}

void AppSubscriptions::phone_accepted(uint64_t sub) {
  auto it = subs_.find(sub);
  if (it == subs_.end()) return;
  if (!answer_waiting(it->second, 200, nullptr)) {  // the application gave up waiting
    collector_.cancel(it->second.collection);
    subs_.erase(it);
    return;
  }
  send_notify(it->second, "active;expires=" + std::to_string(it->second.expires_s), "");
}

void AppSubscriptions::phone_finished(uint64_t sub, uint32_t code, const std::string &digits,
                                      const std::string &text) {
  auto it = subs_.find(sub);
  if (it == subs_.end()) return;
  AppSubscription &s = it->second;
  if (s.token) {
    // The phone never accepted: the application gets its refusal (408 when it did not answer).
    const uint32_t status = code == 423 ? 408 : (code >= 300 && code < 700 ? code : 500);
    answer_waiting(s, status, text.empty() ? nullptr : text.c_str());
    subs_.erase(it);
    return;
  }
  KpmlReport report{code, text, digits, s.regex_tag};
  send_notify(s, code == 423 ? "terminated;reason=timeout" : "terminated;reason=noresource",
              build_kpml_response(report));
  subs_.erase(it);
}

void AppSubscriptions::send_notify(AppSubscription &s, const std::string &state,
                                   const std::string &body) {
  const std::string headers = "Event: kpml\r\nSubscription-State: " + state + "\r\n";
  ls_outgoing_request_t r{};
  r.size = sizeof r;
  r.transport = s.transport;
  r.method = "NOTIFY";
  r.request_uri = s.remote_target.c_str();
  r.from = s.local_party.c_str();
  r.to = s.remote_party.c_str();
  r.call_id = s.call_id.c_str();
  r.cseq = ++s.cseq;
  r.headers = headers.c_str();
  r.content_type = body.empty() ? nullptr : kResponseType;
  r.body = body.empty() ? nullptr : body.c_str();
  r.body_len = body.size();
  r.flow = s.flow;
  auto send = std::make_unique<NotifySend>(NotifySend{this, s.id});
  NotifySend *key = send.get();
  if (host_.raw()->request_send(host_.ctx(), &r, &AppSubscriptions::on_notify_outcome, key) != 0) {
    host_.warning("kpml NOTIFY to " + s.remote_target + " could not be sent");
    return;
  }
  sends_.emplace(key, std::move(send));
}

void AppSubscriptions::on_notify_outcome(void *arg, const ls_request_outcome_t *outcome) {
  auto *send = static_cast<NotifySend *>(arg);
  AppSubscriptions *self = send->self;
  auto it = self->sends_.find(send);
  if (it == self->sends_.end()) return;
  const uint64_t sub = it->second->sub;
  self->sends_.erase(it);
  if (!outcome || outcome->status < 300) return;
  auto s = self->subs_.find(sub);
  if (s == self->subs_.end()) return;
  // The application is gone or refuses the subscription (RFC 6665 4.2.2): end it.
  self->host_.info("kpml NOTIFY answered " + std::to_string(outcome->status) +
                   ": subscription ended");
  self->collector_.cancel(s->second.collection);
  self->subs_.erase(s);
}

}  // namespace lineside::kpml
