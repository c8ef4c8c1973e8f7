// calls/call.cpp: ringing forks, answer, cancel and failure selection, BYE and in-dialog relay.
#include "calls/call.hpp"

#include <algorithm>
#include <cstring>

#include "calls/call_engine.hpp"
#include "calls/call_status.hpp"
#include "runtime/logger.hpp"

namespace lineside::kernel {

/// One target being rung: its own dialog (B leg) and INVITE client transaction.
struct Call::Fork {
  Call *call = nullptr;
  CallTarget target;
  sofia::LegPtr leg;
  sofia::OutgoingPtr orq;
  sofia::OutgoingPtr cancel;  ///< our CANCEL of the INVITE, owned until the call goes
  sofia::TportRef tport;  ///< the phone's own connection for TCP/TLS
  int status = 0;         ///< best status seen (final when >= 200)
  bool done = false;
};

/// One in-dialog request relayed from one side to the other.
struct Call::Relay {
  Call *call = nullptr;
  Side from = Side::a;
  sofia::IncomingPtr irq;  ///< the request we answer
  sofia::OutgoingPtr orq;  ///< its copy on the other dialog
  bool invite = false;
  bool done = false;
};

namespace {
template <class T>
T *from_magic(void *magic) {
  return static_cast<T *>(magic);
}

/// Copy of the body tags of a message (content type + payload), or nothing.
#define LS_BODY_TAGS(sip)                                                              \
  TAG_IF((sip) && (sip)->sip_payload && (sip)->sip_content_type,                       \
         SIPTAG_CONTENT_TYPE((sip)->sip_content_type)),                                \
      TAG_IF((sip) && (sip)->sip_payload, SIPTAG_PAYLOAD((sip)->sip_payload))

constexpr const char *kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, MESSAGE";
}  // namespace

Call::Call(CallEngine &engine, uint64_t id, std::unique_ptr<ls_request> invite,
           CallerIdentity caller, std::string dialled)
    : engine_(engine), id_(id), invite_(std::move(invite)), caller_(std::move(caller)),
      dialled_(std::move(dialled)), started_ms_(engine.now_ms()) {}

Call::~Call() {
  // Client transactions and legs go before the server side; NTA tolerates any order, but a leg
  // destroyed first would leave in-dialog retransmissions to the default path.
  relays_.clear();
  byes_.clear();
  forks_.clear();
  a_leg_.reset();
}

nta_leg_t *Call::leg_of(Side side) const {
  if (side == Side::a) return a_leg_.get();
  return winner_ ? winner_->leg.get() : nullptr;
}

tport_t *Call::tport_of(Side side) const {
  if (side == Side::a) return a_tport_.get();
  return winner_ ? winner_->tport.get() : nullptr;
}

void Call::start(std::vector<CallTarget> targets) {
  ls_request &req = *invite_;
  const sip_t *sip = req.sip();
  if (!req.ensure_transaction()) {
    end(500, "no server transaction");
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
    end(500, "cannot create the caller's dialog");
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

  su_home_t *home = engine_.home();
  for (CallTarget &t : targets) {
    auto fork = std::make_unique<Fork>();
    fork->call = this;
    fork->target = std::move(t);
    tport_t *tp = nullptr;
    if (fork->target.transport != LS_TRANSPORT_UDP) {
      tp = engine_.flow_tport(fork->target.flow);
      if (!tp) continue;  // the phone's connection is gone: it must reconnect, we never dial it
      fork->tport.reset(tport_ref(tp));
    }
    const std::string from = "\"" + caller_.display_name + "\" <sip:" + caller_.dn + "@" +
                             engine_.domain() + ">";
    const std::string to = "<sip:" + fork->target.dn + "@" + engine_.domain() + ">";
    const std::string contact = engine_.contact_for(fork->target.transport);
    fork->leg.reset(nta_leg_tcreate(engine_.agent(), &Call::on_b_request,
                                    reinterpret_cast<nta_leg_magic_t *>(fork.get()),
                                    SIPTAG_FROM_STR(from.c_str()), SIPTAG_TO_STR(to.c_str()),
                                    SIPTAG_CALL_ID(sip_call_id_create(home, nullptr)), TAG_END()));
    if (!fork->leg) continue;
    nta_leg_tag(fork->leg.get(), nullptr);
    fork->orq.reset(nta_outgoing_tcreate(
        fork->leg.get(), &Call::on_fork_response, reinterpret_cast<nta_outgoing_magic_t *>(fork.get()),
        nullptr, SIP_METHOD_INVITE, URL_STRING_MAKE(fork->target.contact_uri.c_str()),
        SIPTAG_CONTACT_STR(contact.c_str()), SIPTAG_ALLOW_STR(kAllow), LS_BODY_TAGS(sip),
        TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
    if (!fork->orq) {
      log_warning("calls", "cannot send INVITE to " + fork->target.contact_uri);
      continue;
    }
    forks_.push_back(std::move(fork));
  }
  if (forks_.empty()) {
    reply_a(480, "Temporarily Unavailable", nullptr);
    end(480, "no reachable contact");
    return;
  }
  engine_.call_attempted(*this, caller_, dialled_);
}

int Call::on_fork_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Fork *fork = reinterpret_cast<Fork *>(magic);
  if (!sip) {
    fork->call->fork_failed(*fork, nta_outgoing_status(orq));
    return 0;
  }
  fork->call->fork_response(*fork, sip);
  return 0;
}

void Call::fork_response(Fork &fork, sip_t const *sip) {
  const int status = sip->sip_status->st_status;
  if (status < 200) {
    if (status > 100 && state_ == State::ringing) {
      fork.status = std::max(fork.status, status);
      reply_a(status, sip->sip_status->st_phrase, sip);
      if (status == 180 || status == 183) engine_.call_ringing(*this);
    }
    return;
  }
  if (status < 300) {
    fork_answered(fork, sip);
    return;
  }
  fork_failed(fork, status);
}

void Call::fork_answered(Fork &fork, sip_t const *sip) {
  if (sip->sip_to && sip->sip_to->a_tag && !nta_leg_get_rtag(fork.leg.get())) {
    nta_leg_rtag(fork.leg.get(), sip->sip_to->a_tag);
    nta_leg_client_route(fork.leg.get(), sip->sip_record_route, sip->sip_contact);
  }
  send_ack(fork.leg.get(), sip->sip_cseq ? sip->sip_cseq->cs_seq : 0, fork.tport.get());
  if (winner_ == &fork) return;  // a retransmitted 200: the ACK above answers it
  fork.done = true;
  fork.status = sip->sip_status->st_status;
  if (state_ != State::ringing) {
    // Lost the race (another fork answered, or the caller cancelled): end this dialog at once.
    byes_.emplace_back(nta_outgoing_tcreate(fork.leg.get(), nullptr, nullptr, nullptr, SIP_METHOD_BYE,
                                            nullptr, TAG_IF(fork.tport, NTATAG_TPORT(fork.tport.get())),
                                            TAG_END()));
    return;
  }
  winner_ = &fork;
  state_ = State::confirmed;
  cancel_forks(&fork);
  reply_a(200, nullptr, sip);
  engine_.call_answered(*this, fork.target.device_id, fork.target.dn);
}

void Call::fork_failed(Fork &fork, int status) {
  if (fork.done) return;
  fork.done = true;
  fork.status = status;
  if (state_ != State::ringing) return;
  const bool all_done = std::all_of(forks_.begin(), forks_.end(), [](const auto &f) { return f->done; });
  if (!all_done) return;
  std::vector<int> finals;
  for (const auto &f : forks_) finals.push_back(f->status);
  const int best = best_failure_status(finals);
  reply_a(best, nullptr, nullptr);
  end(best, "every target refused or failed");
}

void Call::send_ack(nta_leg_t *leg, uint32_t cseq, tport_t *tp) {
  sip_cseq_t *ack_cseq = sip_cseq_create(engine_.home(), cseq, SIP_METHOD_ACK);
  sofia::OutgoingPtr ack(nta_outgoing_tcreate(leg, nullptr, nullptr, nullptr, SIP_METHOD_ACK, nullptr,
                                              SIPTAG_CSEQ(ack_cseq), TAG_IF(tp, NTATAG_TPORT(tp)),
                                              TAG_END()));
}

void Call::cancel_forks(const Fork *except) {
  for (auto &f : forks_) {
    if (f.get() == except || f->done || !f->orq) continue;
    f->cancel.reset(nta_outgoing_tcancel(f->orq.get(), nullptr, nullptr, TAG_END()));
    cancelled_forks_ = true;
  }
}

int Call::on_a_cancel(nta_incoming_magic_t *magic, nta_incoming_t *, sip_t const *sip) {
  Call *call = reinterpret_cast<Call *>(magic);
  if (sip && sip->sip_request && sip->sip_request->rq_method == sip_method_cancel &&
      call->state_ == State::ringing) {
    call->cancel_forks(nullptr);
    call->end(487, "cancelled by the caller");  // NTA answers the INVITE 487 after we return
  }
  return 0;
}

void Call::reply_a(int status, const char *phrase, sip_t const *with_body) {
  nta_incoming_t *irq = invite_ ? invite_->transaction() : nullptr;
  if (!irq || nta_incoming_status(irq) >= 200) return;
  const std::string contact = engine_.contact_for(invite_->peer_info().transport);
  nta_incoming_treply(irq, status, phrase ? phrase : sip_status_phrase(status),
                      TAG_IF(status < 300, SIPTAG_CONTACT_STR(contact.c_str())),
                      TAG_IF(status < 300, SIPTAG_ALLOW_STR(kAllow)), LS_BODY_TAGS(with_body),
                      TAG_END());
  if (status >= 200) invite_->mark_answered();
}

int Call::on_a_request(nta_leg_magic_t *magic, nta_leg_t *, nta_incoming_t *irq, sip_t const *sip) {
  return reinterpret_cast<Call *>(magic)->in_dialog(Side::a, irq, sip);
}

int Call::on_b_request(nta_leg_magic_t *magic, nta_leg_t *, nta_incoming_t *irq, sip_t const *sip) {
  Fork *fork = reinterpret_cast<Fork *>(magic);
  Call *call = fork->call;
  if (call->winner_ != fork) return 481;  // a loser's early dialog
  return call->in_dialog(Side::b, irq, sip);
}

int Call::in_dialog(Side from, nta_incoming_t *irq, sip_t const *sip) {
  std::erase_if(relays_, [](const auto &r) { return r->done; });
  const sip_method_t method = sip->sip_request->rq_method;
  if (method == sip_method_ack) {
    nta_incoming_destroy(irq);  // ACK of a 2xx we sent: absorbed (we acked the other side already)
    return 0;
  }
  if (method == sip_method_bye) {
    if (state_ == State::confirmed) {
      send_bye(from == Side::a ? Side::b : Side::a);
      end(200, from == Side::a ? "caller hung up" : "callee hung up");
    }
    return 200;
  }
  if (state_ != State::confirmed) return 481;
  const Side to = from == Side::a ? Side::b : Side::a;
  nta_leg_t *other = leg_of(to);
  if (!other) return 481;
  auto relay = std::make_unique<Relay>();
  relay->call = this;
  relay->from = from;
  relay->irq.reset(irq);
  relay->invite = method == sip_method_invite;
  tport_t *tp = tport_of(to);
  const std::string contact = engine_.contact_for(to == Side::a ? invite_->peer_info().transport
                                                                : winner_->target.transport);
  relay->orq.reset(nta_outgoing_tcreate(
      other, &Call::on_relay_response, reinterpret_cast<nta_outgoing_magic_t *>(relay.get()), nullptr,
      method, sip->sip_request->rq_method_name, nullptr,
      TAG_IF(relay->invite, SIPTAG_CONTACT_STR(contact.c_str())), LS_BODY_TAGS(sip),
      TAG_IF(sip->sip_event, SIPTAG_EVENT(sip->sip_event)), TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
  if (!relay->orq) {
    relay->irq.release();
    return 500;
  }
  relays_.push_back(std::move(relay));
  return 0;  // we own the irq now (held by the relay)
}

int Call::on_relay_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip) {
  Relay *relay = reinterpret_cast<Relay *>(magic);
  Call *call = relay->call;
  const int status = sip ? sip->sip_status->st_status : nta_outgoing_status(orq);
  if (relay->invite && sip && status >= 200 && status < 300) {
    const Side to = relay->from == Side::a ? Side::b : Side::a;
    call->send_ack(call->leg_of(to), sip->sip_cseq ? sip->sip_cseq->cs_seq : 0, call->tport_of(to));
  }
  if (relay->done || status < 101) return 0;
  if (status >= 200) relay->done = true;
  nta_incoming_treply(relay->irq.get(), status, sip ? sip->sip_status->st_phrase : sip_status_phrase(status),
                      LS_BODY_TAGS(sip), TAG_END());
  return 0;
}

void Call::send_bye(Side to) {
  nta_leg_t *leg = leg_of(to);
  if (!leg) return;
  tport_t *tp = tport_of(to);
  byes_.emplace_back(nta_outgoing_tcreate(leg, &Call::on_bye_response, nullptr, nullptr, SIP_METHOD_BYE,
                                          nullptr, TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
}

int Call::on_bye_response(nta_outgoing_magic_t *, nta_outgoing_t *, sip_t const *) { return 0; }

void Call::ring_timeout() {
  if (state_ != State::ringing) return;
  cancel_forks(nullptr);
  reply_a(480, "No Answer", nullptr);
  end(480, "no answer");
}

void Call::hang_up_all() {
  if (state_ == State::ringing) {
    cancel_forks(nullptr);
    reply_a(503, "Service Unavailable", nullptr);
    end(503, "server stopping");
  } else if (state_ == State::confirmed) {
    send_bye(Side::a);
    send_bye(Side::b);
    end(200, "server stopping");
  }
}

void Call::end(int status, const char *why) {
  if (state_ == State::ended) return;
  const bool was_answered = state_ == State::confirmed;
  state_ = State::ended;
  engine_.call_ended(*this, status, why, was_answered);
}

}  // namespace lineside::kernel
