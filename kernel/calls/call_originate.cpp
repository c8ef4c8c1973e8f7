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

void Call::originator_response(Fork &fork, sip_t const *sip, int status) {
  if (sip && sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
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
    send_ack(fork.leg.get(), cseq, fork.tport.get(), nullptr);
    sent_.emplace_back(nta_outgoing_tcreate(fork.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE, nullptr,
                                            TAG_IF(fork.tport, NTATAG_TPORT(fork.tport.get())), TAG_END()));
    fork.done = true;
    return;
  }
  fork.done = true;
  fork.originator = false;
  a_party_ = &fork;
  originator_ack_cseq_ = cseq;
  for (auto &f : forks_) {  // the first party's other contacts stop ringing
    if (f.get() != &fork && !f->done && f->orq) {
      f->cancel.reset(nta_outgoing_tcancel(f->orq.get(), nullptr, nullptr,
                                           SIPTAG_REASON_STR("SIP;cause=200;text=\"Call completed elsewhere\""),
                                           TAG_END()));
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
  id = next_id_++;
  auto call = std::make_unique<Call>(*this, id, nullptr, CallerIdentity{from->id, from->dn, from->display_name},
                                     to_dn, to_dn, std::vector<DiversionHop>{});
  Call &ref = *call;
  calls_.emplace(id, std::move(call));
  arm_ring_timer(id, to_dn);
  log_info("calls", "call " + std::to_string(id) + ": originating " + from_dn + " -> " + to_dn);
  metrics_.add("lineside_kernel_calls_originated", 1);
  ref.originate(std::move(first.targets), std::move(second.targets), auto_answer);
  return true;
}

}  // namespace lineside::kernel
