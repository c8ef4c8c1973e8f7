// calls/call_originate.cpp: third-party call control (RFC 3725 flow I): the server calls the first
// party without SDP, offers what it answers to the second party, and returns the second party's
// answer to the first in the ACK.
#include <algorithm>

#include "calls/call.hpp"
#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "calls/call_status.hpp"
#include "lineside/call.h"
#include "directory/directory.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"

namespace lineside::kernel {

void Call::originate(std::vector<CallTarget> originator, std::vector<CallTarget> targets, bool auto_answer) {
  originated_ = true;
  offer_in_invite_ = true;  // the second party gets the first party's offer in its INVITE
  originate_targets_ = std::move(targets);
  // The first party sees who it is being connected to.
  const std::string from = "\"" + dialled_ + "\" <sip:" + dialled_ + "@" + engine_.domain() + ">";
  const std::string headers = auto_answer ? "Answer-Mode: Auto\r\n" : "";  // RFC 5373
  for (CallTarget &target : originator) {
    auto fork = ring_without_offer(std::move(target), Side::a, from, headers);
    if (!fork) continue;
    fork->originator = true;
    forks_.push_back(std::move(fork));
  }
  if (forks_.empty()) {
    end(480, "the originating party cannot be reached", LS_CALL_BY_SYSTEM);
    return;
  }
  engine_.call_event(*this, LS_CALL_ATTEMPT, 0, nullptr);
}

void Call::originate_offer_first(std::vector<CallTarget> originator, std::vector<CallTarget> targets,
                                 bool auto_answer) {
  originated_ = true;
  offer_first_ = true;
  offer_in_invite_ = true;
  for (CallTarget &t : originator) {
    if (auto_answer) t.extra_headers += "Answer-Mode: Auto\r\n";  // RFC 5373, for the first party
  }
  originate_targets_ = std::move(originator);  // rung once the second party has made its offer
  for (CallTarget &target : targets) {
    const std::string from = from_for(target);
    const std::string headers = fork_headers(target);
    auto fork = ring_without_offer(std::move(target), Side::b, from, headers);
    if (!fork) continue;
    fork->originator = true;
    forks_.push_back(std::move(fork));
  }
  if (forks_.empty()) {
    end(480, "the called party cannot be reached", LS_CALL_BY_SYSTEM);
    return;
  }
  engine_.call_event(*this, LS_CALL_ATTEMPT, 0, nullptr);
}

void Call::offer_first_response(Fork &fork, sip_t const *sip, int status) {
  if (status < 200) return;
  const uint32_t cseq = sip && sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
  const Side side = fork.side;
  if (status >= 300) {
    fork.done = true;
    fork.status = status;
    if (state_ != State::ringing || (side == Side::b && offering_party_)) return;
    const uint32_t gen = generation_;
    const bool all_failed = std::all_of(forks_.begin(), forks_.end(), [side, gen](const auto &f) {
      return f->side != side || f->generation != gen || f->done;
    });
    if (!all_failed) return;
    std::vector<int> finals;
    for (const auto &f : forks_) {
      if (f->side == side && f->generation == gen) finals.push_back(f->status);
    }
    end(best_failure_status(finals), side == Side::b ? "the called party did not answer"
                                                     : "the originating party did not answer",
        side == Side::b ? LS_CALL_BY_CALLEE : LS_CALL_BY_CALLER);
    return;
  }
  if (&fork == offering_party_ || &fork == a_party_) {  // a retransmitted 200: acknowledge it again
    if (state_ == State::confirmed || &fork == a_party_) send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
    return;
  }
  const bool taken = side == Side::b ? offering_party_ != nullptr : a_party_ != nullptr;
  if (taken || state_ != State::ringing) {  // another contact answered first, or the call is over
    release_late_answer(fork, cseq);
    return;
  }
  fork.done = true;
  for (auto &f : forks_) {  // that party's other contacts stop ringing
    if (f.get() != &fork && f->side == side && !f->done && f->orq) {
      cancel_fork(*f, kCompletedElsewhere);
      f->done = true;
    }
  }
  uint32_t refused = 0;
  Body body;
  if (side == Side::b) {
    // The second party's offer rings the first party, with SDP as its profile demands.
    offering_party_ = &fork;
    originator_ack_cseq_ = cseq;
    if (!sip || !sip->sip_payload || !sip->sip_payload->pl_len) {
      end(488, "the called party answered without an offer", LS_CALL_BY_SYSTEM);
      return;
    }
    ++generation_;
    const std::string from = "\"" + dialled_ + "\" <sip:" + dialled_ + "@" + engine_.domain() + ">";
    for (CallTarget &target : originate_targets_) {
      // The SDP hooks see the first party as side A: this contact stands in for it while its offer
      // is made (there is no caller transaction to take the transport from).
      Fork contact;
      contact.target = target;
      contact.side = Side::a;
      a_party_ = &contact;
      const bool offered = forward_body(sip, LS_SDP_OFFER, Side::b, &fork, body, refused);
      a_party_ = nullptr;
      if (!offered) continue;
      const std::string headers = target.extra_headers;
      auto first = ring_party(std::move(target), Side::a, from, headers, &body);
      if (!first) continue;
      first->originator = true;
      first->generation = generation_;
      forks_.push_back(std::move(first));
    }
    originate_targets_.clear();
    if (std::none_of(forks_.begin(), forks_.end(), [this](const auto &f) { return f->generation == generation_; })) {
      end(refused ? static_cast<int>(refused) : 480, "the originating party cannot be reached", LS_CALL_BY_SYSTEM);
      return;
    }
    log_info("calls", "call " + std::to_string(id_) + ": " + dialled_ + " answered with an offer, ringing " +
                          caller_.dn);
    return;
  }
  // The first party answered: its answer completes the second party's INVITE in our ACK.
  a_party_ = &fork;
  send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
  if (!forward_body(sip, LS_SDP_ANSWER, Side::a, offering_party_, body, refused)) body = Body{};
  Fork &b = *offering_party_;
  send_ack(b.leg.get(), originator_ack_cseq_, b.tport.get(), &body);
  originator_ack_cseq_ = 0;
  b.originator = false;  // from now on an ordinary answered callee (its retransmitted 200 is ACKed again)
  b.status = 200;
  winner_ = &b;
  state_ = State::confirmed;
  answered_ms_ = engine_.now_ms();
  engine_.call_event(*this, LS_CALL_ANSWERED, 0, nullptr);
}

void Call::originator_response(Fork &fork, sip_t const *sip, int status) {
  if (sip && sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
  }
  if (offer_first_) {
    offer_first_response(fork, sip, status);
    return;
  }
  if (status < 200) return;
  const uint32_t cseq = sip && sip->sip_cseq ? sip->sip_cseq->cs_seq : 0;
  if (status >= 300) {
    fork.done = true;
    fork.status = status;
    if (a_party_ || state_ != State::ringing) return;
    const bool all_failed = std::all_of(forks_.begin(), forks_.end(), [](const auto &f) {
      return !f->originator || f->done;
    });
    if (all_failed) {
      std::vector<int> finals;
      for (const auto &f : forks_) finals.push_back(f->status);
      end(best_failure_status(finals), "the originating party did not answer", LS_CALL_BY_CALLER);
    }
    return;
  }
  if (a_party_ == &fork) return;  // a retransmitted 200: its ACK waits for the other party's answer
  if (a_party_ || state_ != State::ringing) {  // another contact answered first
    release_late_answer(fork, cseq);
    return;
  }
  fork.done = true;
  fork.originator = false;
  a_party_ = &fork;
  originator_ack_cseq_ = cseq;
  for (auto &f : forks_) {  // the first party's other contacts stop ringing
    if (f.get() != &fork && !f->done && f->orq) {
      cancel_fork(*f, kCompletedElsewhere);
      f->done = true;
    }
  }
  if (!sip || !sip->sip_payload || !sip->sip_payload->pl_len) {
    end(488, "the originating party answered without an offer", LS_CALL_BY_SYSTEM);
    return;
  }
  ++generation_;
  uint32_t refused = 0;
  add_forks(std::move(originate_targets_), refused, sip);
  if (std::none_of(forks_.begin(), forks_.end(), [this](const auto &f) { return f->generation == generation_; })) {
    end(refused ? static_cast<int>(refused) : 480, "the called party cannot be reached", LS_CALL_BY_SYSTEM);
    return;
  }
  log_info("calls", "call " + std::to_string(id_) + ": " + caller_.dn + " answered, ringing " + dialled_);
}

void Call::release_originator() {
  if (offer_first_) {  // the second party answered with its offer: complete its INVITE, then BYE
    if (!offering_party_) return;
    Fork &b = *offering_party_;
    offering_party_ = nullptr;
    if (originator_ack_cseq_) send_ack(b.leg.get(), originator_ack_cseq_, b.tport.get(), nullptr);
    originator_ack_cseq_ = 0;
    sent_.emplace_back(nta_outgoing_tcreate(b.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE, nullptr,
                                            SIPTAG_REASON_STR("SIP;cause=480;text=\"Calling party not reached\""),
                                            TAG_IF(b.tport, NTATAG_TPORT(b.tport.get())), TAG_END()));
    return;
  }
  if (!a_party_) return;
  Fork &a = *a_party_;
  if (originator_ack_cseq_) send_ack(a.leg.get(), originator_ack_cseq_, a.tport.get(), nullptr);
  originator_ack_cseq_ = 0;
  sent_.emplace_back(nta_outgoing_tcreate(a.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE, nullptr,
                                          SIPTAG_REASON_STR("SIP;cause=480;text=\"Called party not reached\""),
                                          TAG_IF(a.tport, NTATAG_TPORT(a.tport.get())), TAG_END()));
}

bool CallEngine::originate(const std::string &from_dn, const std::string &to_dn, bool auto_answer, uint64_t &id,
                           int &status, std::string &error) {
  const Device *from = directory_.by_dn(from_dn);
  if (!from) {
    status = 404;
    error = "no device has DN " + from_dn;
    return false;
  }
  RouteResult first = router_.route(from_dn);
  RouteResult second = router_.route(to_dn);
  if (first.outcome != RouteResult::Outcome::targets || second.outcome != RouteResult::Outcome::targets) {
    const bool unknown = second.outcome == RouteResult::Outcome::unknown_number;
    status = first.outcome != RouteResult::Outcome::targets ? 480 : unknown ? 404 : 480;
    error = first.outcome != RouteResult::Outcome::targets ? from_dn + " is not registered"
            : unknown ? "no device has DN " + to_dn : to_dn + " is not registered";
    return false;
  }
  // Flow I calls the first party without SDP: a party whose profile forces SDP in the initial
  // INVITE must be the one called second (with the other's offer); both forcing it cannot be done.
  const bool first_forces = forces_sdp_in_invite(from->id);
  std::string second_forcing;
  for (const CallTarget &t : second.targets) {
    if (t.is_device && forces_sdp_in_invite(t.device_id)) second_forcing = t.device_id;
  }
  if (first_forces && !second_forcing.empty()) {
    status = 409;
    error = "cannot originate " + from_dn + " -> " + to_dn + ": the capability profiles of both " + from->id +
            " and " + second_forcing + " set force_sdp_in_initial_invite (\"Force sending SDP in initial Invite "
            "message\"), and third-party call control must call one party without SDP (RFC 3725)";
    return false;
  }
  id = next_id_++;
  auto call = std::make_unique<Call>(*this, id, nullptr, CallerIdentity{from->id, from->dn, from->display_name},
                                     to_dn, to_dn, std::vector<DiversionHop>{});
  Call &ref = *call;
  calls_.emplace(id, std::move(call));
  arm_ring_timer(id, to_dn);
  log_info("calls", "call " + std::to_string(id) + ": originating " + from_dn + " -> " + to_dn);
  metrics_.add("lineside_kernel_calls_originated", 1);
  if (first_forces) {
    log_info("calls", "call " + std::to_string(id) + ": " + from->id + " forces SDP in the initial INVITE: "
                          "ringing " + to_dn + " first for the offer");
    ref.originate_offer_first(std::move(first.targets), std::move(second.targets), auto_answer);
  } else {
    ref.originate(std::move(first.targets), std::move(second.targets), auto_answer);
  }
  return true;
}

}  // namespace lineside::kernel
