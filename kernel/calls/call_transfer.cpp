// calls/call_transfer.cpp: replacing one party of a connected call: blind and attended transfer
// (host->call_transfer) and INVITE with Replaces. The joining party's offer is taken to the staying
// party in a re-INVITE; its answer completes the joining party's INVITE; the old party is released.
#include <algorithm>

#include "calls/call.hpp"
#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "calls/call_status.hpp"
#include "lineside/call.h"
#include "runtime/logger.hpp"

namespace lineside::kernel {

bool Call::side_of_leg(const nta_leg_t *leg, Side &side) const {
  if (!leg || state_ != State::confirmed) return false;
  for (Side s : {Side::a, Side::b}) {
    if (leg_of(s) == leg) {
      side = s;
      return true;
    }
  }
  return false;
}

bool Call::start_transfer(TransferSpec spec, std::function<void(uint32_t)> done) {
  if (state_ != State::confirmed || transfer_ || !leg_of(Side::a) || !leg_of(Side::b)) return false;
  if (spec.with && (spec.with == this || !spec.with->answered() || spec.with->transfer_)) return false;
  transfer_ = std::make_unique<Transfer>();
  Transfer &t = *transfer_;
  t.leaving = spec.leaving;
  t.notify = spec.notify;
  t.referred_by = spec.referred_by;
  t.done = std::move(done);
  const CallerIdentity transferor = spec.leaving == Side::a ? caller_
      : CallerIdentity{winner_->target.device_id, winner_->target.dn, ""};
  t.by_dn = transferor.dn;
  if (t.notify) {
    // The REFER's 202 is sent when the module's hook returns: the first NOTIFY must follow it.
    engine_.later(id_, [](Call &call) {
      if (call.transfer_ && call.transfer_->notify) call.notify_transferor(100, "Trying", false);
    });
  }
  if (spec.with) {  // attended: the remaining party of the other call joins this one
    Call &other_call = *spec.with;
    if (!other_call.leg_of(other(spec.with_side))) {
      transfer_.reset();
      return false;
    }
    // The other call ends first (its ENDED event still names both its parties), then gives up the
    // party that joins this one; the object itself goes only after this SIP callback.
    other_call.send_bye(spec.with_side, "SIP;cause=200;text=\"Call transferred\"");
    other_call.end(200, "transferred", LS_CALL_BY_SYSTEM);
    t.moved = other_call.detach_party(other(spec.with_side), *this);
    if (!t.moved) {
      engine_.later(id_, [](Call &call) { call.fail_transfer(481); });
      return true;
    }
    t.joined = t.moved.get();
    t.third_party_dn = t.joined->target.dn;
    Fork &joined = *t.joined;
    tport_t *tp = joined.tport.get();
    const std::string contact = engine_.contact_for(joined.target.transport);
    // A re-INVITE without SDP: its 200 carries the moved party's offer (RFC 3725 flow).
    t.probe.reset(nta_outgoing_tcreate(joined.leg.get(), &Call::on_transfer_probe,
                                       reinterpret_cast<nta_outgoing_magic_t *>(this), nullptr, SIP_METHOD_INVITE,
                                       nullptr, SIPTAG_CONTACT_STR(contact.c_str()), TAG_IF(tp, NTATAG_TPORT(tp)),
                                       TAG_END()));
    if (!t.probe) engine_.later(id_, [](Call &call) { call.fail_transfer(500); });
    return true;
  }
  t.third_party_dn = spec.target_dn;
  // Blind: ring the target on behalf of the staying party, without SDP (its answer brings the offer).
  const Side staying = other(spec.leaving);
  const std::string staying_dn = staying == Side::a ? caller_.dn : winner_->target.dn;
  const std::string staying_name = staying == Side::a ? caller_.display_name
                                                      : engine_.display_name_of(winner_->target.device_id);
  const std::string from = "\"" + staying_name + "\" <sip:" + staying_dn + "@" + engine_.domain() + ">";
  const std::string headers = "P-Asserted-Identity: " + from + "\r\n" +
                              (t.referred_by.empty() ? std::string() : "Referred-By: " + t.referred_by + "\r\n");
  for (CallTarget &target : spec.targets) {
    auto fork = ring_without_offer(std::move(target), spec.leaving, from, headers);
    if (!fork) continue;
    fork->joining = true;
    t.ringing.push_back(fork.get());
    forks_.push_back(std::move(fork));
  }
  // Nothing to ring: fail once the module has answered the REFER, so the 202 goes first.
  if (t.ringing.empty()) {
    const int status = spec.no_target_status;
    engine_.later(id_, [status](Call &call) { call.fail_transfer(status); });
  }
  return true;
}

std::unique_ptr<Call::Fork> Call::detach_party(Side side, Call &to) {
  std::unique_ptr<Fork> party;
  Fork *current = side == Side::a ? a_party_ : winner_;
  if (current) {
    auto it = std::find_if(forks_.begin(), forks_.end(), [current](const auto &f) { return f.get() == current; });
    if (it == forks_.end()) return nullptr;
    party = std::move(*it);
    forks_.erase(it);
    (side == Side::a ? a_party_ : winner_) = nullptr;
  } else if (side == Side::a && a_leg_) {
    party = std::make_unique<Fork>();
    party->leg = std::move(a_leg_);
    party->tport = std::move(a_tport_);
    party->target.device_id = caller_.device_id;
    party->target.dn = caller_.dn;
    party->target.transport = invite_->peer_info().transport;
    party->target.is_device = !caller_.device_id.empty();
  } else {
    return nullptr;
  }
  party->call = &to;
  party->joining = true;
  party->done = true;
  nta_leg_bind(party->leg.get(), &Call::on_b_request, reinterpret_cast<nta_leg_magic_t *>(party.get()));
  return party;
}

void Call::replace_party(Side side, std::unique_ptr<ls_request> invite, CallerIdentity sender) {
  ls_request &req = *invite;
  const sip_t *sip = req.sip();
  if (!req.ensure_transaction()) return;
  if (!sip->sip_payload || !sip->sip_payload->pl_len) {
    req.reply(488, "Replaces Needs An Offer");  // the new party must offer: we re-INVITE with it
    return;
  }
  if (state_ != State::confirmed || transfer_) {
    req.reply(state_ == State::confirmed ? 491 : 481);
    return;
  }
  auto party = std::make_unique<Fork>();
  party->call = this;
  party->side = side;
  party->joining = true;
  party->done = true;
  party->target.device_id = sender.device_id;
  party->target.dn = sender.dn;
  party->target.transport = req.peer_info().transport;
  party->leg.reset(nta_leg_tcreate(engine_.agent(), &Call::on_b_request, reinterpret_cast<nta_leg_magic_t *>(party.get()),
                                   SIPTAG_CALL_ID(sip->sip_call_id), SIPTAG_FROM(sip->sip_to), SIPTAG_TO(sip->sip_from),
                                   NTATAG_REMOTE_CSEQ(sip->sip_cseq->cs_seq), TAG_END()));
  if (!party->leg) {
    req.reply(500, "Cannot Create Dialog");
    return;
  }
  nta_leg_tag(party->leg.get(), nullptr);
  nta_incoming_tag(req.transaction(), nta_leg_get_tag(party->leg.get()));
  nta_leg_server_route(party->leg.get(), sip->sip_record_route, sip->sip_contact);
  if (party->target.transport == LS_TRANSPORT_TCP || party->target.transport == LS_TRANSPORT_TLS) {
    party->tport.reset(nta_incoming_transport(engine_.agent(), req.transaction(), nullptr));
  }
  nta_incoming_treply(req.transaction(), SIP_100_TRYING, TAG_END());
  transfer_ = std::make_unique<Transfer>();
  Transfer &t = *transfer_;
  t.leaving = side;
  t.moved = std::move(party);
  t.joined = t.moved.get();
  t.replacing = invite.get();
  t.third_party_dn = sender.dn;
  t.by_dn = sender.dn;
  replacing_invites_.push_back(std::move(invite));
  joining_offer(*t.joined, sip);
}

int Call::on_transfer_probe(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Call *call = reinterpret_cast<Call *>(magic);
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  if (status < 200 || !call->transfer_ || !call->transfer_->joined) return 0;
  if (status >= 300) {
    call->fail_transfer(status);
  } else {
    call->joining_offer(*call->transfer_->joined, sip);
  }
  return 0;
}

void Call::joining_response(Fork &fork, sip_t const *sip, int status) {
  Transfer *t = transfer_.get();
  const bool wanted = t && !t->joined && state_ == State::confirmed;
  if (sip && sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
  }
  if (status < 200) {
    if (wanted && (status == 180 || status == 183) && !t->notified_ringing) {
      t->notified_ringing = true;
      notify_transferor(180, "Ringing", false);
    }
    return;
  }
  if (status >= 300) {
    fork.done = true;
    fork.status = status;
    if (!wanted) return;
    if (std::all_of(t->ringing.begin(), t->ringing.end(), [](const Fork *f) { return f->done; })) {
      std::vector<int> finals;
      for (const Fork *f : t->ringing) finals.push_back(f->status);
      fail_transfer(best_failure_status(finals));
    }
    return;
  }
  const uint32_t cseq = sip && sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
  if (!wanted) {  // a second target answered, or the transfer is over: end that dialog
    if (t && t->joined == &fork) return;  // a retransmitted 200: still waiting for the staying party
    release_late_answer(fork, cseq);
    return;
  }
  fork.done = true;
  t->joined = &fork;
  for (Fork *f : t->ringing) {
    if (f != &fork && !f->done && f->orq) {
      cancel_fork(*f, kCompletedElsewhere);
      f->done = true;
    }
  }
  joining_offer(fork, sip);
}

void Call::joining_offer(Fork &fork, sip_t const *sip) {
  Transfer &t = *transfer_;
  const bool incoming = t.replacing != nullptr;  // the offer is in the new party's INVITE
  if (!incoming) t.joined_ack_cseq = sip && sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
  const Side staying = other(t.leaving);
  Body body;
  uint32_t refused = 0;
  if (!forward_body(sip, LS_SDP_OFFER, t.leaving, staying == Side::b ? winner_ : &fork, body, refused) ||
      !body.present) {
    fail_transfer(refused ? static_cast<int>(refused) : 488);
    return;
  }
  // RFC 4916 spirit: the staying party learns who it now talks to, when its profile allows it.
  const std::string &staying_device = staying == Side::a ? caller_.device_id : winner_->target.device_id;
  std::string headers;
  if (engine_.display_update_allowed(staying_device)) {
    headers = "P-Asserted-Identity: \"" + engine_.display_name_of(fork.target.device_id) + "\" <sip:" +
              fork.target.dn + "@" + engine_.domain() + ">\r\n";
  }
  tport_t *tp = tport_of(staying);
  const std::string contact = engine_.contact_for(transport_towards(staying, winner_));
  t.reinvite.reset(nta_outgoing_tcreate(
      leg_of(staying), &Call::on_transfer_reinvite, reinterpret_cast<nta_outgoing_magic_t *>(this), nullptr,
      SIP_METHOD_INVITE, nullptr, SIPTAG_CONTACT_STR(contact.c_str()),
      TAG_IF(!headers.empty(), SIPTAG_HEADER_STR(headers.c_str())),
      SIPTAG_CONTENT_TYPE_STR(body.content_type.c_str()), SIPTAG_PAYLOAD_STR(body.text.c_str()),
      TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
  if (!t.reinvite) fail_transfer(500);
}

int Call::on_transfer_reinvite(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Call *call = reinterpret_cast<Call *>(magic);
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  if (status < 200 || !call->transfer_) return 0;
  if (status >= 300) {
    call->fail_transfer(status);
  } else {
    call->transfer_answered(sip);
  }
  return 0;
}

void Call::transfer_answered(sip_t const *sip) {
  Transfer &t = *transfer_;
  const Side staying = other(t.leaving);
  send_ack(leg_of(staying), sip->sip_cseq ? sip->sip_cseq->cs_seq : 0, tport_of(staying), nullptr);
  Body answer;
  uint32_t refused = 0;
  if (!forward_body(sip, LS_SDP_ANSWER, staying, staying == Side::b ? winner_ : t.joined, answer, refused)) {
    answer = Body{};
  }
  Fork &joined = *t.joined;
  if (t.replacing) {
    const std::string contact = engine_.contact_for(joined.target.transport);
    nta_incoming_treply(t.replacing->transaction(), SIP_200_OK, SIPTAG_CONTACT_STR(contact.c_str()),
                        SIPTAG_ALLOW_STR(kCallAllow),
                        TAG_IF(answer.present, SIPTAG_CONTENT_TYPE_STR(answer.content_type.c_str())),
                        TAG_IF(answer.present, SIPTAG_PAYLOAD_STR(answer.text.c_str())), TAG_END());
    t.replacing->mark_answered();
  } else {
    send_ack(joined.leg.get(), t.joined_ack_cseq, joined.tport.get(), &answer);
  }
  complete_transfer();
}

void Call::complete_transfer() {
  Transfer &t = *transfer_;
  notify_transferor(200, "OK", true);
  send_bye(t.leaving, t.replacing ? "SIP;cause=200;text=\"Replaced\"" : "SIP;cause=200;text=\"Call transferred\"");
  Fork *joined = t.joined;
  joined->joining = false;
  joined->side = t.leaving;
  if (t.moved) forks_.push_back(std::move(t.moved));
  if (t.leaving == Side::a) {
    a_party_ = joined;
  } else {
    winner_ = joined;
  }
  third_party_dn_ = t.third_party_dn;
  transferred_by_dn_ = t.by_dn;
  auto done = std::move(t.done);
  transfer_.reset();
  log_info("calls", "call " + std::to_string(id_) + ": transferred by " + transferred_by_dn_ + " to " + third_party_dn_);
  engine_.call_event(*this, LS_CALL_TRANSFERRED, 0, nullptr);
  if (done) done(200);
}

void Call::fail_transfer(int status) {
  if (!transfer_) return;
  Transfer &t = *transfer_;
  notify_transferor(status, nullptr, true);
  for (Fork *f : t.ringing) {
    if (!f->done && f->orq) {
      f->cancel.reset(nta_outgoing_tcancel(f->orq.get(), nullptr, nullptr, TAG_END()));
      f->done = true;
    }
  }
  if (t.replacing) {
    const unsigned code = status >= 300 && status < 700 ? static_cast<unsigned>(status) : 500;
    if (nta_incoming_status(t.replacing->transaction()) < 200) t.replacing->reply(code);
  } else if (t.joined && t.joined->leg && nta_leg_get_rtag(t.joined->leg.get())) {
    // The joining party answered (or was moved here from its call): it has nobody to talk to.
    Fork &j = *t.joined;
    if (t.joined_ack_cseq) send_ack(j.leg.get(), t.joined_ack_cseq, j.tport.get(), nullptr);
    sent_.emplace_back(nta_outgoing_tcreate(j.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE, nullptr,
                                            SIPTAG_REASON_STR("SIP;cause=500;text=\"Transfer failed\""),
                                            TAG_IF(j.tport, NTATAG_TPORT(j.tport.get())), TAG_END()));
  }
  if (t.moved) forks_.push_back(std::move(t.moved));  // kept (done) until the call goes
  auto done = std::move(t.done);
  transfer_.reset();
  log_notice("calls", "call " + std::to_string(id_) + ": transfer failed with " + std::to_string(status));
  if (done) done(static_cast<uint32_t>(status));
}

void Call::notify_transferor(int status, const char *phrase, bool final) {
  if (!transfer_ || !transfer_->notify) return;
  nta_leg_t *leg = leg_of(transfer_->leaving);
  if (!leg) return;
  const std::string frag = "SIP/2.0 " + std::to_string(status) + " " +
                           (phrase ? phrase : sip_status_phrase(status) ? sip_status_phrase(status) : "Failed") + "\r\n";
  const char *state = final ? "terminated;reason=noresource" : "active;expires=60";
  tport_t *tp = tport_of(transfer_->leaving);
  sent_.emplace_back(nta_outgoing_tcreate(leg, nullptr, nullptr, nullptr, SIP_METHOD_NOTIFY, nullptr,
                                          SIPTAG_EVENT_STR("refer"), SIPTAG_SUBSCRIPTION_STATE_STR(state),
                                          SIPTAG_CONTENT_TYPE_STR("message/sipfrag;version=2.0"),
                                          SIPTAG_PAYLOAD_STR(frag.c_str()), TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
}

int Call::joining_request(Fork &fork, nta_incoming_t *irq, sip_t const *sip) {
  const sip_method_t method = sip->sip_request->rq_method;
  if (method == sip_method_ack) {
    nta_incoming_destroy(irq);
    return 0;
  }
  if (method == sip_method_bye) {  // the party hung up before it was connected
    if (transfer_ && transfer_->joined == &fork) fail_transfer(487);
    return 200;
  }
  return 491;  // nothing else until it is connected
}

}  // namespace lineside::kernel
