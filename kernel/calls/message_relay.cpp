// calls/message_relay.cpp: MESSAGE fan-out and answer selection.
#include "calls/message_relay.hpp"

#include <algorithm>

#include "calls/call_engine.hpp"
#include "calls/call_status.hpp"

namespace lineside::kernel {

MessageRelay::MessageRelay(CallEngine &engine, uint64_t id, std::unique_ptr<ls_request> request,
                           CallerIdentity sender)
    : engine_(engine), id_(id), request_(std::move(request)), sender_(std::move(sender)) {}

MessageRelay::~MessageRelay() { copies_.clear(); }

void MessageRelay::start(std::vector<CallTarget> targets) {
  const sip_t *sip = request_->sip();
  if (!request_->ensure_transaction()) {
    finish(500, nullptr);
    return;
  }
  const std::string from = "\"" + sender_.display_name + "\" <sip:" + sender_.dn + "@" +
                           engine_.domain() + ">";
  for (const CallTarget &t : targets) {
    auto copy = std::make_unique<Copy>();
    copy->relay = this;
    tport_t *tp = nullptr;
    if (t.transport != LS_TRANSPORT_UDP) {
      tp = engine_.flow_tport(t.flow);
      if (!tp) continue;
      copy->tport.reset(tport_ref(tp));
    }
    const std::string to = "<sip:" + t.dn + "@" + engine_.domain() + ">";
    copy->leg.reset(nta_leg_tcreate(engine_.agent(), nullptr, nullptr, SIPTAG_FROM_STR(from.c_str()),
                                    SIPTAG_TO_STR(to.c_str()),
                                    SIPTAG_CALL_ID(sip_call_id_create(engine_.home(), nullptr)),
                                    TAG_END()));
    if (!copy->leg) continue;
    nta_leg_tag(copy->leg.get(), nullptr);
    copy->orq.reset(nta_outgoing_tcreate(
        copy->leg.get(), &MessageRelay::on_response, reinterpret_cast<nta_outgoing_magic_t *>(copy.get()),
        nullptr, SIP_METHOD_MESSAGE, URL_STRING_MAKE(t.contact_uri.c_str()),
        TAG_IF(sip->sip_content_type, SIPTAG_CONTENT_TYPE(sip->sip_content_type)),
        TAG_IF(sip->sip_payload, SIPTAG_PAYLOAD(sip->sip_payload)), TAG_IF(tp, NTATAG_TPORT(tp)),
        TAG_END()));
    if (copy->orq) copies_.push_back(std::move(copy));
  }
  if (copies_.empty()) finish(480, nullptr);
}

int MessageRelay::on_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Copy *copy = reinterpret_cast<Copy *>(magic);
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  copy->relay->response(*copy, status, sip ? sip->sip_status->st_phrase : nullptr);
  return 0;
}

void MessageRelay::response(Copy &copy, int status, const char *phrase) {
  if (status < 200 || answered_) return;
  copy.status = status;
  if (status < 300) {
    finish(status, phrase);
    return;
  }
  if (std::all_of(copies_.begin(), copies_.end(), [](const auto &c) { return c->status >= 200; })) {
    std::vector<int> finals;
    for (const auto &c : copies_) finals.push_back(c->status);
    finish(best_failure_status(finals), nullptr);
  }
}

void MessageRelay::finish(int status, const char *phrase) {
  if (answered_) return;
  answered_ = true;
  request_->reply(static_cast<unsigned>(status), phrase);
  engine_.message_done(id_);
}

}  // namespace lineside::kernel
