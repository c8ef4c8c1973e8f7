// calls/call_dialog.cpp: a connected call's two dialogs: ACK and BYE handling, and relaying every
// other in-dialog request (re-INVITE, UPDATE, INFO, MESSAGE...) with its response across legs.
#include <algorithm>

#include "calls/call.hpp"
#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "lineside/call.h"

namespace lineside::kernel {

int Call::on_a_request(nta_leg_magic_t *magic, nta_leg_t *, nta_incoming_t *irq, sip_t const *sip) {
  Call *call = reinterpret_cast<Call *>(magic);
  // The caller was transferred away: its dialog is over (our BYE may cross its own).
  if (call->a_party_) return sip->sip_request->rq_method == sip_method_bye ? 200 : 481;
  return call->in_dialog(Side::a, irq, sip);
}

int Call::on_b_request(nta_leg_magic_t *magic, nta_leg_t *, nta_incoming_t *irq, sip_t const *sip) {
  Fork *fork = reinterpret_cast<Fork *>(magic);
  Call *call = fork->call;
  if (fork->joining) return call->joining_request(*fork, irq, sip);
  if (fork->side == Side::a) return call->a_party_ == fork ? call->in_dialog(Side::a, irq, sip) : 481;
  if (fork == call->offering_party_ && call->state_ == State::ringing) {
    // Mirrored third-party call control: the second party gave up waiting for the first to answer.
    if (sip->sip_request->rq_method != sip_method_bye) return 491;
    call->offering_party_ = nullptr;
    call->cancel_forks(nullptr, "SIP;cause=487;text=\"Called party hung up\"");
    call->end(487, "the called party hung up", LS_CALL_BY_CALLEE);
    return 200;
  }
  const bool early_peer = call->state_ == State::ringing && call->early_fork_ == fork;
  if (call->winner_ != fork && !early_peer) {
    // A losing fork's dialog, or a party transferred away (our BYE may cross its own).
    return sip->sip_request->rq_method == sip_method_bye && call->state_ == State::confirmed ? 200 : 481;
  }
  return call->in_dialog(Side::b, irq, sip);
}

int Call::in_dialog(Side from, nta_incoming_t *irq, sip_t const *sip) {
  std::erase_if(relays_, [](const auto &r) { return r->done; });
  const sip_method_t method = sip->sip_request->rq_method;
  if (method == sip_method_ack) {
    if (from == Side::a && pending_b_ack_cseq_ && winner_) {
      // Delayed offer: the caller's ACK carries the answer to the callee's offer.
      Body body;
      uint32_t refused = 0;
      if (!forward_body(sip, LS_SDP_ANSWER, Side::a, winner_, body, refused)) body = Body{};
      send_ack(winner_->leg.get(), pending_b_ack_cseq_, winner_->tport.get(), &body);
      pending_b_ack_cseq_ = 0;
    }
    nta_incoming_destroy(irq);  // ACKs are absorbed: we acknowledged the other side ourselves
    return 0;
  }
  if (method == sip_method_bye) {
    if (state_ == State::ringing && originated_ && from == Side::a) {
      // The originator hung up while the other party rings: cancel it (its dialog is over already).
      a_party_ = nullptr;
      cancel_forks(nullptr, "SIP;cause=487;text=\"Originator hung up\"");
      end(487, "originator hung up", LS_CALL_BY_CALLER);
      return 200;
    }
    if (state_ == State::confirmed) {
      // The hang-up cause travels on with the BYE (RFC 3326).
      const std::string reason = reason_values(sip->sip_reason);
      send_bye(from == Side::a ? Side::b : Side::a, reason.empty() ? "Q.850;cause=16" : reason.c_str());
      end(200, from == Side::a ? "caller hung up" : "callee hung up",
          from == Side::a ? LS_CALL_BY_CALLER : LS_CALL_BY_CALLEE);
    }
    return 200;
  }
  // Before the answer only the early dialog's UPDATE and INFO cross (RFC 3311); re-INVITE waits.
  const bool early = state_ == State::ringing && early_fork_ && method != sip_method_invite;
  if (state_ != State::confirmed && !early) return state_ == State::ringing ? 491 : 481;
  // Sofia sets a repeated single-valued header (a second Refer-To) aside as an error header that
  // modules cannot read: refuse such a REFER here (RFC 3515 2.4.1), before any module acts on it.
  if (method == sip_method_refer && sip->sip_error) return 400;
  if (engine_.offer_in_dialog(*this, from == Side::a, irq, sip)) return 0;  // a module answered it
  // A REFER is carried out by a transfer module, never relayed: the other party could not act on
  // a Refer-To naming our dialogs. No module took it, so transfers are not offered here.
  if (method == sip_method_refer) return 501;
  const Side to = from == Side::a ? Side::b : Side::a;
  nta_leg_t *other = leg_of(to);
  if (!other) return 481;
  if (early && method == sip_method_update && sip->sip_payload && sip->sip_payload->pl_len) {
    // Limit to one Offer/Answer per INVITE: that device takes no second offer before the 2xx;
    // 491 lets the sender offer again once the INVITE is answered (RFC 3311 5.2).
    const Fork *b = peer_fork();
    const std::string &device = to == Side::a ? (a_party_ ? a_party_->target.device_id : caller_.device_id)
                                              : (b && b->target.is_device ? b->target.device_id : std::string());
    if (!device.empty() && engine_.one_offer_per_invite(device)) return 491;
  }
  auto relay = std::make_unique<Relay>();
  relay->call = this;
  relay->from = from;
  relay->invite = method == sip_method_invite;
  relay->refresh = relay->invite || method == sip_method_update;
  Body body;
  uint32_t refused = 0;
  if (!forward_body(sip, LS_SDP_OFFER, from, peer_fork(), body, refused)) return static_cast<int>(refused);
  relay->offer = body.present;
  tport_t *tp = tport_of(to);
  const std::string contact = engine_.contact_for(transport_towards(to, peer_fork()));
  relay->orq.reset(nta_outgoing_tcreate(
      other, &Call::on_relay_response, reinterpret_cast<nta_outgoing_magic_t *>(relay.get()), nullptr,
      method, sip->sip_request->rq_method_name, nullptr,
      TAG_IF(relay->invite || method == sip_method_update, SIPTAG_CONTACT_STR(contact.c_str())),
      TAG_IF(body.present, SIPTAG_CONTENT_TYPE_STR(body.content_type.c_str())),
      TAG_IF(body.present, SIPTAG_PAYLOAD_STR(body.text.c_str())),
      TAG_IF(sip->sip_event, SIPTAG_EVENT(sip->sip_event)),
      TAG_IF(relay->refresh && sip->sip_session_expires, SIPTAG_SESSION_EXPIRES(sip->sip_session_expires)),
      TAG_IF(relay->refresh && sip->sip_supported, SIPTAG_SUPPORTED(sip->sip_supported)),
      TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
  if (!relay->orq) return 500;
  relay->irq.reset(irq);
  relays_.push_back(std::move(relay));
  return 0;  // the relay owns the irq now
}

int Call::on_relay_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Relay *relay = reinterpret_cast<Relay *>(magic);
  Call *call = relay->call;
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  const Side to = relay->from == Side::a ? Side::b : Side::a;
  if (relay->invite && sip && status >= 200 && status < 300) {
    call->send_ack(call->leg_of(to), sip->sip_cseq ? sip->sip_cseq->cs_seq : 0, call->tport_of(to), nullptr);
  }
  if (sip && status >= 200 && status < 300 && !relay->done && relay->refresh) call->session_refreshed(sip);
  if (relay->done || status < 101) return 0;
  if (status >= 200) relay->done = true;
  Body body;
  uint32_t refused = 0;
  if (sip && !call->forward_body(sip, relay->offer ? LS_SDP_ANSWER : LS_SDP_OFFER, to, call->peer_fork(), body,
                                 refused)) {
    body = Body{};
  }
  nta_incoming_treply(relay->irq.get(), status, sip ? sip->sip_status->st_phrase : sip_status_phrase(status),
                      TAG_IF(sip && sip->sip_session_expires, SIPTAG_SESSION_EXPIRES(sip ? sip->sip_session_expires : nullptr)),
                      TAG_IF(sip && sip->sip_require, SIPTAG_REQUIRE(sip ? sip->sip_require : nullptr)),
                      TAG_IF(body.present, SIPTAG_CONTENT_TYPE_STR(body.content_type.c_str())),
                      TAG_IF(body.present, SIPTAG_PAYLOAD_STR(body.text.c_str())), TAG_END());
  return 0;
}

void Call::send_bye(Side to, const char *reason) {
  nta_leg_t *leg = leg_of(to);
  if (!leg) return;
  tport_t *tp = tport_of(to);
  sent_.emplace_back(nta_outgoing_tcreate(leg, &Call::on_bye_response, nullptr, nullptr, SIP_METHOD_BYE,
                                          nullptr, TAG_IF(reason, SIPTAG_REASON_STR(reason)),
                                          TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
}

void Call::terminate(uint32_t q850_cause, const std::string &reason) {
  const uint32_t cause = q850_cause ? q850_cause : 16;
  std::string text;  // quoted-string safe: no quotes, backslashes or control bytes
  for (char c : reason.substr(0, 80)) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\' && c != 0x7f) text += c;
  }
  const std::string header = "Q.850;cause=" + std::to_string(cause) + (text.empty() ? "" : ";text=\"" + text + "\"");
  const char *why = text.empty() ? "ended by a module" : text.c_str();
  if (state_ == State::ringing) {
    cancel_forks(nullptr, header.c_str());
    const int status = cause == 38 || cause == 41 ? 503 : 480;
    reply_a(status, nullptr, nullptr);
    end(status, why, LS_CALL_BY_SYSTEM);
  } else if (state_ == State::confirmed) {
    send_bye(Side::a, header.c_str());
    send_bye(Side::b, header.c_str());
    end(200, why, LS_CALL_BY_SYSTEM);
  }
}

int Call::on_bye_response(nta_outgoing_magic_t *, nta_outgoing_t *, sip_t const *) { return 0; }

}  // namespace lineside::kernel
