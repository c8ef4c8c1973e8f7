// kpml/collector.cpp: digit collections: subscribing, matching NOTIFYs, outcomes, un-subscribing.
#include "collector.hpp"

#include <algorithm>

#include "contact_choice.hpp"
#include "event_header.hpp"
#include "kpml_pattern.hpp"
#include "kpml_xml.hpp"

namespace lineside::kpml {
namespace {

/// Call-IDs and tags are copied into headers: only plain printable text without quotes.
bool safe_token(const std::string &s) {
  if (s.empty() || s.size() > 256) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b > 0x20 && b < 0x7f && c != '"' && c != ';' && c != ',' && c != '<' && c != '>';
  });
}

std::string text_or(const char *s, const char *fallback) {
  return s && *s ? s : fallback;
}

}  // namespace

Collector::Collector(Host host, KpmlSettings settings, const ls_location_v1_t *location,
                     void *location_self)
    : host_(host),
      settings_(std::move(settings)),
      location_(location),
      location_self_(location_self),
      random_(std::random_device{}()) {}

Collector::~Collector() {
  for (const auto &[timer, id] : timers_) host_.raw()->timer_cancel(host_.ctx(), timer);
}

std::string Collector::random_hex(size_t bytes) {
  static const char *hex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    const auto v = static_cast<unsigned>(random_() & 0xff);
    out += hex[v >> 4];
    out += hex[v & 15];
  }
  return out;
}

StartResult Collector::start(const CollectRequest &request, CollectionListener listener) {
  if (const std::string why = pattern_problem(request.pattern); !why.empty()) {
    return {0, 400, why};
  }
  const bool has_dialog = !request.dialog_call_id.empty();
  if (has_dialog && (!safe_token(request.dialog_call_id) || !safe_token(request.dialog_local_tag) ||
                     !safe_token(request.dialog_remote_tag))) {
    return {0, 400, "a dialog needs a Call-ID and both tags, as plain tokens"};
  }
  if (request.device_id.empty()) return {0, 400, "no device"};
  if (running() >= settings_.max_collections) return {0, 503, "too many collections running"};
  std::optional<ChosenContact> contact =
      choose_contact(location_, location_self_, request.device_id);
  if (!contact)
    return {0, 409, "device " + request.device_id + " has no usable registered contact"};

  auto c = std::make_unique<Collection>();
  c->id = next_id_++;
  c->device_id = request.device_id;
  c->user = contact->user;
  c->pattern = request.pattern;
  c->dialog_call_id = request.dialog_call_id;
  c->dialog_local_tag = request.dialog_local_tag;
  c->dialog_remote_tag = request.dialog_remote_tag;
  c->contact_uri = contact->contact_uri;
  c->transport = contact->transport;
  c->flow = contact->flow;
  c->call_id = "kpml-" + random_hex(12) + "@" + host_.sip_domain();
  c->local_tag = random_hex(8);
  c->started_unix_ms = host_.now_unix() * 1000;
  c->listener = std::move(listener);
  const int64_t timeout_ms = std::clamp<int64_t>(
      request.timeout_ms > 0 ? request.timeout_ms : settings_.default_timeout_ms, 1000,
      settings_.max_timeout_ms);
  c->expires_s = (timeout_ms + 999) / 1000;
  if (!send_subscribe(*c, c->expires_s)) return {0, 503, "the SUBSCRIBE could not be sent"};
  c->timer = host_.raw()->timer_start(host_.ctx(), static_cast<uint64_t>(timeout_ms), 0,
                                      &Collector::on_timeout, this);
  if (c->timer) timers_[c->timer] = c->id;
  const uint64_t id = c->id;
  host_.metric_add("collections");
  host_.info("collection " + std::to_string(id) + ": SUBSCRIBE kpml to device " + c->device_id +
             " at " + c->contact_uri);
  collections_.emplace(id, std::move(c));
  host_.metric_set("running", static_cast<int64_t>(running()));
  return {id, 0, ""};
}

bool Collector::send_subscribe(Collection &c, int64_t expires_s) {
  const std::string domain = host_.sip_domain();
  const std::string from = "<sip:kpml@" + domain + ">;tag=" + c.local_tag;
  std::string to = "<sip:" + c.user + "@" + domain + ">";
  if (!c.remote_tag.empty()) to += ";tag=" + c.remote_tag;
  const std::string headers =
      "Event: " + kpml_event_value(c.dialog_call_id, c.dialog_local_tag, c.dialog_remote_tag) +
      "\r\nExpires: " + std::to_string(expires_s) + "\r\nAccept: " + kResponseType + "\r\n";
  const bool initial = expires_s > 0;
  const std::string body = initial ? build_kpml_request(c.pattern, "c" + std::to_string(c.id)) : "";
  ls_outgoing_request_t r{};
  r.size = sizeof r;
  r.transport = c.transport;
  r.method = "SUBSCRIBE";
  r.request_uri = c.contact_uri.c_str();
  r.from = from.c_str();
  r.to = to.c_str();
  r.call_id = c.call_id.c_str();
  r.cseq = c.cseq;
  r.headers = headers.c_str();
  r.content_type = initial ? kRequestType : nullptr;
  r.body = initial ? body.c_str() : nullptr;
  r.body_len = initial ? body.size() : 0;
  r.flow = c.flow;
  auto send = std::make_unique<Send>(Send{this, c.id, !initial});
  Send *key = send.get();
  if (host_.raw()->request_send(host_.ctx(), &r, &Collector::on_outcome, key) != 0) {
    host_.warning("collection " + std::to_string(c.id) + ": SUBSCRIBE to " + c.contact_uri +
                  " could not be sent");
    return false;
  }
  sends_.emplace(key, std::move(send));
  return true;
}

void Collector::unsubscribe(Collection &c) {
  if (c.unsubscribed || c.remote_tag.empty()) return;
  c.unsubscribed = true;
  ++c.cseq;
  send_subscribe(c, 0);
}

void Collector::on_outcome(void *arg, const ls_request_outcome_t *outcome) {
  auto *send = static_cast<Send *>(arg);
  Collector *self = send->self;
  auto it = self->sends_.find(send);
  if (it == self->sends_.end()) return;
  const std::unique_ptr<Send> done = std::move(it->second);
  self->sends_.erase(it);
  auto c = self->collections_.find(done->collection);
  if (c == self->collections_.end() || !outcome) return;
  if (done->unsubscribe) {
    self->host_.debug("collection " + std::to_string(done->collection) +
                      ": un-SUBSCRIBE answered " + std::to_string(outcome->status));
    return;
  }
  self->subscribe_outcome(*c->second, *outcome);
}

void Collector::subscribe_outcome(Collection &c, const ls_request_outcome_t &o) {
  if (o.status >= 200 && o.status < 300) {
    if (c.remote_tag.empty() && o.to_tag) c.remote_tag = o.to_tag;
    if (c.state == CollectionState::finished) {
      unsubscribe(c);  // it ended (timeout, cancel) before the phone accepted
    } else {
      accepted(c);
    }
    return;
  }
  host_.info("collection " + std::to_string(c.id) + ": the phone refused the subscription with " +
             std::to_string(o.status));
  if (c.state != CollectionState::finished) {
    c.unsubscribed = true;  // nothing to end
    finish(c, o.status, "", text_or(o.phrase, "Subscription Refused"));
  }
}

void Collector::accepted(Collection &c) {
  if (c.state != CollectionState::subscribing) return;
  c.state = CollectionState::active;
  if (c.listener.accepted) {
    const auto on_accepted = c.listener.accepted;  // it may cancel the collection
    on_accepted(c.id);
  }
}

void Collector::on_timeout(void *arg, ls_timer_id_t timer) {
  auto *self = static_cast<Collector *>(arg);
  auto it = self->timers_.find(timer);
  if (it == self->timers_.end()) return;
  const uint64_t id = it->second;
  self->timers_.erase(it);
  auto c = self->collections_.find(id);
  if (c == self->collections_.end()) return;
  c->second->timer = 0;
  self->finish(*c->second, 423, "", "Timer Expired");
}

bool Collector::on_in_dialog_request(Request &req) {
  const std::string call_id(req.field(LS_FIELD_CALL_ID));
  const std::string to_tag(req.field(LS_FIELD_TO_TAG));
  Collection *c = by_dialog(call_id, to_tag);
  if (!c) return false;
  if (req.method() != "NOTIFY") {
    req.respond(405, "Method Not Allowed In This Subscription", {{"Allow", "NOTIFY"}});
    return true;
  }
  const char *event = req.header("Event");
  const std::optional<EventHeader> parsed = event ? parse_event(event) : std::nullopt;
  if (!parsed || parsed->package != "kpml") {
    req.respond(489, "Bad Event");
    return true;
  }
  req.respond(200);
  notify(*c, req);
  return true;
}

void Collector::notify(Collection &c, Request &req) {
  if (c.remote_tag.empty()) c.remote_tag = std::string(req.field(LS_FIELD_FROM_TAG));
  const char *state_text = req.header("Subscription-State");
  const SubscriptionState state = parse_subscription_state(state_text ? state_text : "active");
  const bool terminated = state.state == "terminated";
  if (terminated) c.unsubscribed = true;
  if (c.state == CollectionState::finished) return;  // late NOTIFY (the answer to an un-SUBSCRIBE)
  accepted(c);
  const char *data = nullptr;
  size_t len = 0;
  host_.raw()->request_body(req.raw(), &data, &len, nullptr);
  if (data && len) {
    if (std::optional<KpmlReport> report = parse_kpml_report(std::string_view(data, len))) {
      host_.info("collection " + std::to_string(c.id) + ": the phone reported " +
                 std::to_string(report->code) +
                 (report->code == 200 ? " digits " + report->digits : ""));
      finish(c, report->code, report->digits, report->text.empty() ? "Reported" : report->text);
      return;
    }
    host_.info("collection " + std::to_string(c.id) + ": NOTIFY body is not a kpml-response");
  }
  if (terminated)
    finish(c, 487, "", "Subscription Ended" + (state.reason.empty() ? "" : ": " + state.reason));
}

void Collector::finish(Collection &c, uint32_t code, const std::string &digits,
                       const std::string &text) {
  if (c.state == CollectionState::finished) return;
  if (c.timer) {
    host_.raw()->timer_cancel(host_.ctx(), c.timer);
    timers_.erase(c.timer);
    c.timer = 0;
  }
  const bool was_active = c.state == CollectionState::active;
  c.state = CollectionState::finished;
  c.code = code;
  c.digits = digits;
  c.text = text;
  c.finished_unix_ms = host_.now_unix() * 1000;
  if (was_active) unsubscribe(c);  // one-shot phones end it themselves; this covers the others
  host_.metric_add(code == 200 ? "matched" : "failed");
  host_.metric_set("running", static_cast<int64_t>(running()));
  const uint64_t id = c.id;
  const CollectionListener listener = std::move(c.listener);
  c.listener = {};
  retire();  // may free `c`
  if (listener.finished) listener.finished(id, code, digits, text);
}

bool Collector::cancel(uint64_t id) {
  auto it = collections_.find(id);
  if (it == collections_.end() || it->second->state == CollectionState::finished) return false;
  it->second->listener = {};
  finish(*it->second, 487, "", "Cancelled");
  return true;
}

void Collector::stop() {
  std::vector<uint64_t> live;
  for (const auto &[id, c] : collections_) {
    if (c->state != CollectionState::finished) live.push_back(id);
  }
  for (uint64_t id : live) cancel(id);
}

void Collector::apply(KpmlSettings settings) {
  settings_ = std::move(settings);
  retire();
}

void Collector::retire() {
  size_t finished = 0;
  for (const auto &[id, c] : collections_)
    finished += c->state == CollectionState::finished ? 1 : 0;
  for (auto it = collections_.begin();
       it != collections_.end() && finished > settings_.keep_finished;) {
    if (it->second->state == CollectionState::finished) {
      it = collections_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

Collection *Collector::by_dialog(const std::string &call_id, const std::string &local_tag) {
  if (call_id.empty() || local_tag.empty()) return nullptr;
  for (auto &[id, c] : collections_) {
    if (c->call_id == call_id && c->local_tag == local_tag) return c.get();
  }
  return nullptr;
}

const Collection *Collector::find(uint64_t id) const {
  auto it = collections_.find(id);
  return it == collections_.end() ? nullptr : it->second.get();
}

std::vector<const Collection *> Collector::all() const {
  std::vector<const Collection *> out;
  for (const auto &[id, c] : collections_) out.push_back(c.get());
  return out;
}

size_t Collector::running() const {
  return static_cast<size_t>(
      std::count_if(collections_.begin(), collections_.end(),
                    [](const auto &e) { return e.second->state != CollectionState::finished; }));
}

}  // namespace lineside::kpml
