// calls/call.cpp: setting up a call: the caller's dialog, one fork per target, provisional and
// final responses, answer (first 200 wins), cancel, ring timeout and failure selection.
#include "calls/call.hpp"

#include <algorithm>
#include <cstring>

#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "calls/call_status.hpp"
#include "lineside/call.h"
#include "runtime/logger.hpp"

namespace lineside::kernel {

Call::Call(CallEngine &engine, uint64_t id, std::unique_ptr<ls_request> invite,
           CallerIdentity caller, std::string dialled, std::string current_dn,
           std::vector<DiversionHop> diversions)
    : engine_(engine), id_(id), invite_(std::move(invite)), caller_(std::move(caller)),
      dialled_(std::move(dialled)), current_dn_(std::move(current_dn)),
      diversions_(std::move(diversions)), started_ms_(engine.now_ms()) {}

Call::~Call() {
  // Client transactions and legs go before the caller's transaction.
  relays_.clear();
  transfer_.reset();
  sent_.clear();
  forks_.clear();
  a_leg_.reset();
}

Call::Summary Call::summary() const {
  Summary s{&caller_, &dialled_, "", "", started_ms_, answered_ms_, ended_by_, false, false, "", 0};
  s.emergency = emergency_;
  s.forwarded = !diversions_.empty();
  s.subscriber_absent = subscriber_absent_;
  if (winner_) {
    s.callee_device_id = winner_->target.device_id;
    s.callee_dn = winner_->target.dn;
  }
  // The trunk of the answering leg, else of the last leg tried.
  const Fork *trunk = winner_ ? winner_ : (forks_.empty() ? nullptr : forks_.back().get());
  if (trunk && !trunk->target.is_device) {
    s.trunk_name = trunk->target.trunk_name;
    s.trunk_number = trunk->target.trunk_number;
  }
  if (!third_party_dn_.empty()) {
    s.third_party_dn = &third_party_dn_;
    s.transferred_by_dn = &transferred_by_dn_;
  }
  return s;
}

nta_leg_t *Call::leg_of(Side side) const {
  if (side == Side::a) return a_party_ ? a_party_->leg.get() : a_leg_.get();
  return peer_fork() ? peer_fork()->leg.get() : nullptr;
}

tport_t *Call::tport_of(Side side) const {
  if (side == Side::a) return a_party_ ? a_party_->tport.get() : a_tport_.get();
  return peer_fork() ? peer_fork()->tport.get() : nullptr;
}

uint32_t Call::transport_towards(Side side, const Fork *fork) const {
  if (side == Side::a) return a_party_ ? a_party_->target.transport : invite_->peer_info().transport;
  return fork ? fork->target.transport : LS_TRANSPORT_UNKNOWN;
}

bool Call::forward_body(sip_t const *sip, uint32_t kind, Side from, const Fork *fork, Body &out,
                        uint32_t &refused) {
  out = Body{};
  if (!sip || !sip->sip_payload || !sip->sip_payload->pl_len) return true;
  out.present = true;
  out.content_type = sip->sip_content_type && sip->sip_content_type->c_type
                         ? sip->sip_content_type->c_type : "application/sdp";
  const std::string_view text(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
  const bool is_sdp = strcasecmp(out.content_type.c_str(), "application/sdp") == 0;
  if (!is_sdp) {
    out.text.assign(text);
    return true;
  }
  const Side to = from == Side::a ? Side::b : Side::a;
  const size_t index = fork ? static_cast<size_t>(
      std::find_if(forks_.begin(), forks_.end(), [fork](const auto &f) { return f.get() == fork; }) -
      forks_.begin()) : 0;
  SdpContext ctx;
  ctx.kind = kind;
  ctx.call_id = id_;
  ctx.from_side = from == Side::a ? LS_LEG_CALLER : LS_LEG_CALLEE;
  ctx.to_side = to == Side::a ? LS_LEG_CALLER : LS_LEG_CALLEE;
  ctx.leg_index = static_cast<uint32_t>(index);
  ctx.to_transport = transport_towards(to, fork);
  ctx.from_transport = transport_towards(from, fork);
  const std::string *callee = fork && fork->target.is_device ? &fork->target.device_id : nullptr;
  const std::string &a_device = a_party_ ? a_party_->target.device_id : caller_.device_id;
  ctx.from_device_id = from == Side::a ? a_device.c_str() : (callee ? callee->c_str() : nullptr);
  ctx.to_device_id = to == Side::a ? a_device.c_str() : (callee ? callee->c_str() : nullptr);
  SdpOutcome outcome = engine_.filter_sdp(ctx, text);
  if (outcome.rejected) {
    refused = outcome.status;
    return false;
  }
  out.text = std::move(outcome.body);
  return true;
}

void Call::start(std::vector<CallTarget> targets) {
  ls_request &req = *invite_;
  const sip_t *sip = req.sip();
  if (!req.ensure_transaction()) {
    end(500, "no server transaction", LS_CALL_BY_SYSTEM);
    return;
  }
  nta_incoming_t *irq = req.transaction();
  nta_incoming_bind(irq, &Call::on_a_cancel, reinterpret_cast<nta_incoming_magic_t *>(this));
  a_leg_.reset(nta_leg_tcreate(engine_.agent(), &Call::on_a_request,
                               reinterpret_cast<nta_leg_magic_t *>(this),
                               SIPTAG_CALL_ID(sip->sip_call_id), SIPTAG_FROM(sip->sip_to),
                               SIPTAG_TO(sip->sip_from), NTATAG_REMOTE_CSEQ(sip->sip_cseq->cs_seq),
                               TAG_END()));
  if (!a_leg_) {
    req.reply(500, "Cannot Create Dialog");
    end(500, "cannot create the caller's dialog", LS_CALL_BY_SYSTEM);
    return;
  }
  nta_leg_tag(a_leg_.get(), nullptr);
  nta_incoming_tag(irq, nta_leg_get_tag(a_leg_.get()));
  nta_leg_server_route(a_leg_.get(), sip->sip_record_route, sip->sip_contact);
  const ls_peer_t &peer = req.peer_info();
  if (peer.transport == LS_TRANSPORT_TCP || peer.transport == LS_TRANSPORT_TLS) {
    a_tport_.reset(nta_incoming_transport(engine_.agent(), irq, nullptr));
  }
  nta_incoming_treply(irq, SIP_100_TRYING, TAG_END());
  offer_in_invite_ = sip->sip_payload && sip->sip_payload->pl_len;
  a_supports_timer_ = sip_has_supported(sip->sip_supported, "timer") != 0;
  a_supports_from_change_ = sip_has_supported(sip->sip_supported, "from-change") != 0;
  a_reliable_ = (sip_has_supported(sip->sip_supported, "100rel") ||
                 sip_has_feature(sip->sip_require, "100rel")) && engine_.prack_allowed(caller_.device_id);

  uint32_t refused = 0;
  queue_groups(std::move(targets));
  while (forks_.empty() && !pending_groups_.empty()) ring_next_group(refused);
  if (forks_.empty()) {
    const int status = refused ? static_cast<int>(refused) : 480;
    // Bindings exist but none can be reached (a TCP/TLS phone whose connection is gone): absent.
    subscriber_absent_ = !refused;
    reply_a(status, nullptr, nullptr, subscriber_absent_);
    end(status, refused ? "offer refused by a media hook" : "no reachable contact", LS_CALL_BY_SYSTEM);
    return;
  }
  engine_.call_event(*this, LS_CALL_ATTEMPT, 0, nullptr);
}

int Call::on_fork_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Fork *fork = reinterpret_cast<Fork *>(magic);
  if (fork->originator) {
    fork->call->originator_response(*fork, sip, sip ? sip->sip_status->st_status : nta_outgoing_status(orq));
    return 0;
  }
  if (fork->joining) {
    fork->call->joining_response(*fork, sip, sip ? sip->sip_status->st_status : nta_outgoing_status(orq));
    return 0;
  }
  if (!sip) {
    fork->call->fork_failed(*fork, nta_outgoing_status(orq));
    return 0;
  }
  fork->call->fork_response(*fork, sip);
  return 0;
}

void Call::fork_response(Fork &fork, sip_t const *sip) {
  const int status = sip->sip_status->st_status;
  if (status >= 300) {
    fork_failed(fork, status);
    return;
  }
  if (status >= 200) {
    fork_answered(fork, sip);
    return;
  }
  if (status == 100) return;
  if (sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);  // an early dialog (RFC 3261 12.1)
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
    if (state_ == State::ringing) early_fork_ = &fork;
  }
  prack_fork(fork, sip);
  if (state_ != State::ringing) return;
  fork.status = std::max(fork.status, status);
  Body body;
  uint32_t refused = 0;
  const uint32_t kind = offer_in_invite_ ? LS_SDP_ANSWER : LS_SDP_OFFER;
  if (!forward_body(sip, kind, Side::b, &fork, body, refused)) body = Body{};  // relay without SDP
  const bool first_ring = !rang_;
  rang_ = true;
  reply_a(status, sip->sip_status->st_phrase, &body);
  if (first_ring) engine_.call_event(*this, LS_CALL_RINGING, 0, nullptr);
}

void Call::fork_answered(Fork &fork, sip_t const *sip) {
  if (sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
  }
  const uint32_t cseq = sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
  const bool delayed_offer = !offer_in_invite_;
  if (winner_ == &fork) {  // a retransmitted 200: our ACK was lost, send it again
    if (!pending_b_ack_cseq_) send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
    return;
  }
  // Only the answer that wins goes through the SDP hooks: a loser's is never forwarded.
  Body body;
  uint32_t refused = 0;
  const bool winning = state_ == State::ringing;
  const bool acceptable =
      !winning ||
      forward_body(sip, delayed_offer ? LS_SDP_OFFER : LS_SDP_ANSWER, Side::b, &fork, body, refused);
  if (!winning || !acceptable) {
    // Lost the race, the caller cancelled, or a media hook refused the answer: end this dialog.
    end_unwanted_dialog(fork, cseq, acceptable ? nullptr : kAnswerRefused);
    if (!acceptable) fork_failed(fork, static_cast<int>(refused));
    fork.done = true;
    return;
  }
  if (originated_ && a_party_) {
    // RFC 3725 flow I: the callee's answer goes to the originator in the ACK of its 200.
    send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
    send_ack(a_party_->leg.get(), originator_ack_cseq_, a_party_->tport.get(), &body);
    originator_ack_cseq_ = 0;
  } else if (delayed_offer) {
    pending_b_ack_cseq_ = cseq;  // the caller's ACK carries the answer; it completes this ACK
  } else {
    send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
  }
  fork.done = true;
  fork.status = sip->sip_status->st_status;
  winner_ = &fork;
  state_ = State::confirmed;
  answered_ms_ = engine_.now_ms();
  cancel_forks(&fork, kCompletedElsewhere);
  reply_a(200, nullptr, &body, false, negotiate_session_timer(sip));
  engine_.call_event(*this, LS_CALL_ANSWERED, 0, nullptr);
  send_connected_identity(fork);
}

void Call::fork_failed(Fork &fork, int status) {
  if (fork.done) return;
  fork.done = true;
  fork.status = status;
  if (state_ != State::ringing || fork.generation != generation_) return;
  const uint32_t gen = generation_;
  if (!std::all_of(forks_.begin(), forks_.end(),
                   [gen](const auto &f) { return f->done || f->generation != gen; })) {
    return;
  }
  std::vector<int> finals;
  for (const auto &f : forks_) {
    if (f->generation == gen) finals.push_back(f->status);
  }
  const int best = best_failure_status(finals);
  if (fail_over(best)) return;
  if (engine_.forward_on_failure(*this, best)) return;
  reply_a(best, nullptr, nullptr);
  end(best, best == 486 ? "busy" : "every target refused or failed", LS_CALL_BY_CALLEE);
}

void Call::send_ack(nta_leg_t *leg, uint32_t cseq, tport_t *tp, const Body *body) {
  sip_cseq_t *ack_cseq = sip_cseq_create(engine_.home(), cseq, SIP_METHOD_ACK);
  const bool with_body = body && body->present;
  sofia::OutgoingPtr ack(nta_outgoing_tcreate(
      leg, nullptr, nullptr, nullptr, SIP_METHOD_ACK, nullptr, SIPTAG_CSEQ(ack_cseq),
      TAG_IF(with_body, SIPTAG_CONTENT_TYPE_STR(with_body ? body->content_type.c_str() : "")),
      TAG_IF(with_body, SIPTAG_PAYLOAD_STR(with_body ? body->text.c_str() : "")),
      TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
}

void Call::release_late_answer(Fork &fork, uint32_t cseq) {
  end_unwanted_dialog(fork, cseq, nullptr);
  fork.done = true;
}

void Call::end_unwanted_dialog(Fork &fork, uint32_t cseq, const char *reason) {
  send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
  if (!reason) reason = fork.cancel_reason.empty() ? kAnsweredAfterCancel : fork.cancel_reason.c_str();
  sent_.emplace_back(nta_outgoing_tcreate(fork.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE, nullptr,
                                          SIPTAG_REASON_STR(reason),
                                          TAG_IF(fork.tport, NTATAG_TPORT(fork.tport.get())), TAG_END()));
}

void Call::cancel_fork(Fork &fork, const char *reason) {
  fork.cancel_reason = reason ? reason : "";
  fork.cancel.reset(nta_outgoing_tcancel(fork.orq.get(), nullptr, nullptr,
                                         TAG_IF(reason, SIPTAG_REASON_STR(reason)), TAG_END()));
  cancelled_forks_ = true;
}

void Call::cancel_forks(const Fork *except, const char *reason) {
  for (auto &f : forks_) {
    if (f.get() == except || f->done || !f->orq) continue;
    cancel_fork(*f, reason);
  }
}

std::string reason_values(sip_reason_t const *reason) {
  constexpr int kMaxValues = 4;  // RFC 3326: one per protocol; a flood of them is not passed on
  std::string out;
  for (int kept = 0; reason && kept < kMaxValues; reason = reason->re_next, ++kept) {
    char text[256] = {0};
    const auto *h = reinterpret_cast<msg_header_t const *>(reason);
    const issize_t n = msg_header_field_e(text, sizeof text, h, 0);
    if (n <= 0 || static_cast<size_t>(n) >= sizeof text) continue;  // none, or too long to pass on
    out += (out.empty() ? "" : ", ") + std::string(text, static_cast<size_t>(n));
  }
  return out;
}

int Call::on_a_cancel(nta_incoming_magic_t *magic, nta_incoming_t *, sip_t const *sip) {
  Call *call = reinterpret_cast<Call *>(magic);
  if (sip && sip->sip_request && sip->sip_request->rq_method == sip_method_cancel &&
      call->state_ == State::ringing) {
    // RFC 3326: the caller's reason for cancelling reaches every callee it rang.
    const std::string reason = reason_values(sip->sip_reason);
    call->cancel_forks(nullptr, reason.empty() ? nullptr : reason.c_str());
    call->end(487, "cancelled by the caller", LS_CALL_BY_CALLER);  // NTA answers 487 after us
  }
  return 0;
}

void Call::reply_a(int status, const char *phrase, const Body *body, bool nothing_registered,
                   const std::string &extra_headers) {
  nta_incoming_t *irq = invite_ ? invite_->transaction() : nullptr;
  if (!irq || nta_incoming_status(irq) >= 200) return;
  const std::string contact = engine_.contact_for(invite_->peer_info().transport);
  const std::string reason = status >= 300 ? "Q.850;cause=" + std::to_string(q850_cause_for(status, nothing_registered)) : "";
  const bool with_body = body && body->present;
  if (status > 100 && status < 200 && a_reliable_) {
    nta_reliable_treply(irq, &Call::on_a_prack, reinterpret_cast<nta_reliable_magic_t *>(this), status,
                        phrase ? phrase : sip_status_phrase(status), SIPTAG_REQUIRE_STR("100rel"),
                        SIPTAG_CONTACT_STR(contact.c_str()),
                        TAG_IF(with_body, SIPTAG_CONTENT_TYPE_STR(with_body ? body->content_type.c_str() : "")),
                        TAG_IF(with_body, SIPTAG_PAYLOAD_STR(with_body ? body->text.c_str() : "")), TAG_END());
    return;
  }
  nta_incoming_treply(irq, status, phrase ? phrase : sip_status_phrase(status),
                      TAG_IF(status < 300, SIPTAG_CONTACT_STR(contact.c_str())),
                      TAG_IF(status < 300, SIPTAG_ALLOW_STR(kCallAllow)),
                      TAG_IF(!reason.empty(), SIPTAG_REASON_STR(reason.c_str())),
                      TAG_IF(!extra_headers.empty(), SIPTAG_HEADER_STR(extra_headers.c_str())),
                      TAG_IF(with_body, SIPTAG_CONTENT_TYPE_STR(with_body ? body->content_type.c_str() : "")),
                      TAG_IF(with_body, SIPTAG_PAYLOAD_STR(with_body ? body->text.c_str() : "")), TAG_END());
  if (status >= 200) invite_->mark_answered();
}

void Call::ring_timeout() {
  if (state_ != State::ringing) return;
  if (engine_.forward_on_no_answer(*this)) return;
  cancel_forks(nullptr, "SIP;cause=480;text=\"No answer\"");
  reply_a(480, "No Answer", nullptr);
  end(480, "no answer", LS_CALL_BY_SYSTEM);
}

void Call::redirect(const std::string &new_dn, DivertReason reason, std::vector<CallTarget> targets) {
  cancel_forks(nullptr, reason == DivertReason::no_answer ? "SIP;cause=408;text=\"Forwarded on no answer\""
                                                          : "SIP;cause=302;text=\"Forwarded\"");
  diversions_.push_back(DiversionHop{current_dn_, reason});
  current_dn_ = new_dn;
  ++generation_;
  const size_t before = forks_.size();
  uint32_t refused = 0;
  add_forks(std::move(targets), refused);
  if (forks_.size() == before) {
    reply_a(480, nullptr, nullptr);
    end(480, "the forward target cannot be reached", LS_CALL_BY_SYSTEM);
    return;
  }
  log_info("calls", "call " + std::to_string(id_) + ": forwarded (" + divert_reason_text(reason) +
                        ") to " + new_dn);
}

void Call::hang_up_all() {
  constexpr const char *kStopping = "Q.850;cause=41;text=\"Server stopping\"";
  if (state_ == State::ringing) {
    cancel_forks(nullptr, kStopping);
    reply_a(503, "Service Unavailable", nullptr);
    end(503, "server stopping", LS_CALL_BY_SYSTEM);
  } else if (state_ == State::confirmed) {
    send_bye(Side::a, kStopping);
    send_bye(Side::b, kStopping);
    end(200, "server stopping", LS_CALL_BY_SYSTEM);
  }
}

void Call::end(int status, const char *why, uint32_t ended_by) {
  if (state_ == State::ended) return;
  const bool was_answered = state_ == State::confirmed;
  if (transfer_) fail_transfer(487);  // the call ended under it
  if (originated_ && state_ == State::ringing) release_originator();
  state_ = State::ended;
  ended_by_ = ended_by;
  engine_.call_ended(*this, status, why, was_answered);
}

}  // namespace lineside::kernel
