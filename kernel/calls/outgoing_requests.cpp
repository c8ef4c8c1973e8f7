// calls/outgoing_requests.cpp: building, sending and completing module-originated requests.
#include "calls/outgoing_requests.hpp"

#include <strings.h>

#include <cstring>

#include "calls/call_engine.hpp"
#include "sip/header_lines.hpp"
#include "sip/sip_loop.hpp"

namespace lineside::kernel {

namespace {
/// Methods the kernel keeps for itself: a module may not start or end calls or registrations.
bool reserved_method(const char *m) {
  for (const char *r : {"INVITE", "ACK", "CANCEL", "BYE", "PRACK", "REGISTER"}) {
    if (strcasecmp(m, r) == 0) return true;
  }
  return false;
}

bool token(const char *s) {
  if (!s || !*s) return false;
  for (; *s; ++s) {
    if (!std::isalnum(static_cast<unsigned char>(*s)) && !std::strchr("-.!%*_+`'~", *s)) return false;
  }
  return true;
}
}  // namespace

struct OutgoingRequests::Pending {
  OutgoingRequests *owner = nullptr;
  ls_request_done_fn done = nullptr;
  void *arg = nullptr;
  sofia::LegPtr leg;
  sofia::OutgoingPtr orq;
  sofia::TportRef tport;
  bool finished = false;
};

OutgoingRequests::OutgoingRequests(SipLoop &loop, CallEngine &engine)
    : loop_(loop), engine_(engine), home_(static_cast<su_home_t *>(su_home_new(sizeof(su_home_t)))),
      alive_(std::make_shared<OutgoingRequests *>(this)) {}

OutgoingRequests::~OutgoingRequests() {
  alive_.reset();
  pending_.clear();
}

int OutgoingRequests::send(const ls_outgoing_request_t &req, ls_request_done_fn done, void *arg,
                           std::string &error) {
  su_home_t *home = home_.get();
  if (!token(req.method) || reserved_method(req.method)) {
    error = "method missing, malformed, or kept by the kernel (INVITE, ACK, CANCEL, BYE, PRACK, REGISTER)";
    return -1;
  }
  url_t *uri = req.request_uri ? url_make(home, req.request_uri) : nullptr;
  const bool uri_ok = uri && (uri->url_type == url_sip || uri->url_type == url_sips);
  su_free(home, uri);
  if (!uri_ok) {
    error = "request_uri is not a sip: or sips: URI";
    return -1;
  }
  sip_to_t *to = req.to ? sip_to_make(home, req.to) : nullptr;
  sip_from_t *from = req.from ? sip_from_make(home, req.from) : nullptr;
  const bool ids_ok = to && (!req.from || from);
  su_free(home, to);
  su_free(home, from);
  if (!ids_ok) {
    error = "To (required) or From does not parse";
    return -1;
  }
  if (!valid_header_lines(req.headers) || (req.call_id && !*req.call_id) ||
      (req.content_type && !valid_header_lines((std::string("Content-Type: ") + req.content_type + "\r\n").c_str())) ||
      (req.call_id && !valid_header_lines((std::string("Call-ID: ") + req.call_id + "\r\n").c_str())) ||
      (req.body && !req.content_type)) {
    error = "malformed header lines, Call-ID, Content-Type, or a body without a type";
    return -1;
  }
  tport_t *tp = nullptr;
  if (req.flow) {
    tp = engine_.flow_tport(req.flow);
    if (!tp) {
      error = "the connection of that flow is closed";
      return -1;
    }
  }
  auto p = std::make_unique<Pending>();
  p->owner = this;
  p->done = done;
  p->arg = arg;
  if (tp) p->tport.reset(tport_ref(tp));
  const std::string server_from = "<sip:" + engine_.domain() + ">";
  p->leg.reset(nta_leg_tcreate(engine_.agent(), nullptr, nullptr,
                               SIPTAG_FROM_STR(req.from ? req.from : server_from.c_str()), SIPTAG_TO_STR(req.to),
                               TAG_IF(req.call_id, SIPTAG_CALL_ID_STR(req.call_id)),
                               TAG_IF(!req.call_id, SIPTAG_CALL_ID(sip_call_id_create(home, nullptr))),
                               TAG_END()));
  if (!p->leg) {
    error = "cannot create the dialog state";
    return -1;
  }
  if (!nta_leg_get_tag(p->leg.get())) nta_leg_tag(p->leg.get(), nullptr);
  const sip_method_t method = sip_method_code(req.method);
  sip_cseq_t *cseq = sip_cseq_create(home, req.cseq ? req.cseq : 1, method, req.method);
  const std::string headers = req.headers ? req.headers : "";
  const uint32_t contact_transport = req.transport ? req.transport : LS_TRANSPORT_UDP;
  const std::string contact = has_header_line(headers, "Contact") ? "" : engine_.contact_for(contact_transport);
  const std::string body = req.body ? std::string(req.body, req.body_len) : std::string();
  p->orq.reset(nta_outgoing_tcreate(
      p->leg.get(), &OutgoingRequests::on_response, reinterpret_cast<nta_outgoing_magic_t *>(p.get()),
      req.next_hop ? URL_STRING_MAKE(req.next_hop) : nullptr, method, req.method,
      URL_STRING_MAKE(req.request_uri), SIPTAG_CSEQ(cseq),
      TAG_IF(!contact.empty(), SIPTAG_CONTACT_STR(contact.c_str())),
      TAG_IF(!headers.empty(), SIPTAG_HEADER_STR(headers.c_str())),
      TAG_IF(req.content_type, SIPTAG_CONTENT_TYPE_STR(req.content_type)),
      TAG_IF(req.content_type, SIPTAG_PAYLOAD_STR(body.c_str())), TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
  su_free(home, cseq);
  if (!p->orq) {
    error = "the stack refused the request (unparsable header or no route to the URI)";
    return -1;
  }
  Pending *key = p.get();
  pending_.emplace(key, std::move(p));
  return 0;
}

int OutgoingRequests::on_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  auto *p = reinterpret_cast<Pending *>(magic);
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  if (status >= 200) p->owner->finish(*p, status, sip);
  return 0;
}

void OutgoingRequests::finish(Pending &p, int status, sip_t const *sip) {
  if (p.finished) return;
  p.finished = true;
  if (p.done) {
    ls_request_outcome_t outcome{};
    outcome.size = sizeof outcome;
    outcome.status = static_cast<uint32_t>(status);
    outcome.phrase = sip && sip->sip_status ? sip->sip_status->st_phrase : sip_status_phrase(status);
    outcome.to_tag = sip && sip->sip_to ? sip->sip_to->a_tag : nullptr;
    outcome.expires = sip && sip->sip_expires ? static_cast<int64_t>(sip->sip_expires->ex_delta) : -1;
    p.done(p.arg, &outcome);
  }
  // Not inside the transaction's own callback: free it once the stack has returned.
  Pending *key = &p;
  std::weak_ptr<OutgoingRequests *> alive = alive_;
  loop_.post([alive, key] {
    if (auto self = alive.lock()) (*self)->pending_.erase(key);
  });
}

}  // namespace lineside::kernel
