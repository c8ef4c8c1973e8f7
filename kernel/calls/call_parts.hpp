// calls/call_parts.hpp: the insides of a Call shared by its two source files: a fork (one target
// being rung) and a relay (one in-dialog request crossing to the other leg).
#pragma once

#include "calls/call.hpp"
#include "calls/sdp_filter.hpp"

namespace lineside::kernel {

/// Methods a Call's dialogs accept (Allow).
inline constexpr const char *kCallAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, MESSAGE";
/// RFC 3326 Reason on the CANCEL to contacts that lost the race to answer.
inline constexpr const char *kCompletedElsewhere = "SIP;cause=200;text=\"Call completed elsewhere\"";
/// RFC 3326 Reason on the BYE to a contact that answered after its CANCEL went without one.
inline constexpr const char *kAnsweredAfterCancel = "SIP;cause=487;text=\"Request Terminated\"";
/// RFC 3326 Reason on the BYE to a contact whose answer a media hook refused.
inline constexpr const char *kAnswerRefused = "SIP;cause=488;text=\"Not Acceptable Here\"";

/// Every Reason value (RFC 3326) of a request as one header value ("SIP;cause=487, Q.850;cause=16"),
/// or "" when it has none: what a CANCEL or BYE carries on to the other leg.
std::string reason_values(sip_reason_t const *reason);

/// One target being rung: its own dialog (B leg) and INVITE client transaction.
struct Call::Fork {
  Call *call = nullptr;
  CallTarget target;
  sofia::LegPtr leg;
  sofia::OutgoingPtr orq;
  sofia::OutgoingPtr cancel;  ///< our CANCEL of the INVITE, owned until the call goes
  std::string cancel_reason;  ///< the Reason our CANCEL carried ("" without one)
  sofia::OutgoingPtr tagged;  ///< the INVITE bound to this callee's early dialog (needed to PRACK)
  sofia::OutgoingPtr prack;   ///< our PRACK of its latest reliable provisional (RFC 3262)
  sofia::TportRef tport;      ///< the phone's own connection for TCP/TLS
  int status = 0;             ///< best status seen (final when >= 200)
  bool done = false;
  uint32_t generation = 0;    ///< which set of targets (each forward starts a new one)
  Side side = Side::b;        ///< the side of the call it serves (a: it replaced the caller)
  bool joining = false;       ///< a transfer's new party, not connected yet
  bool originator = false;    ///< third-party call control: a contact of the party rung first
};

/// A transfer in progress (call_transfer.cpp).
struct Call::Transfer {
  Side leaving = Side::b;            ///< the transferor's side (released on success)
  std::vector<Fork *> ringing;       ///< blind: forks ringing the target (owned by forks_)
  Fork *joined = nullptr;            ///< the party joining: answered target, moved or replacing party
  std::unique_ptr<Fork> moved;       ///< attended / Replaces: that party, owned here until it joins
  uint32_t joined_ack_cseq = 0;      ///< the joining party's 200 (its offer) awaits our ACK
  sofia::OutgoingPtr probe;          ///< attended: re-INVITE without SDP asking the moved party to offer
  sofia::OutgoingPtr reinvite;       ///< re-INVITE of the staying party with the joining party's offer
  ls_request *replacing = nullptr;   ///< INVITE/Replaces: the new party's INVITE we answer at the end
  bool notify = false;
  bool notified_ringing = false;
  std::string referred_by;
  std::string third_party_dn;
  std::string by_dn;
  std::function<void(uint32_t)> done;
};

/// One in-dialog request relayed from one side to the other.
struct Call::Relay {
  Call *call = nullptr;
  Side from = Side::a;
  sofia::IncomingPtr irq;  ///< the request we answer
  sofia::OutgoingPtr orq;  ///< its copy on the other dialog
  bool invite = false;
  bool offer = false;      ///< the request carried an SDP offer (its 2xx carries the answer)
  bool refresh = false;    ///< re-INVITE or UPDATE: its 2xx refreshes the session timer
  bool done = false;
};

}  // namespace lineside::kernel
