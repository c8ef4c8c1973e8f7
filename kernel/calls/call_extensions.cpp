// calls/call_extensions.cpp: what a call adds on top of the basic INVITE/BYE dialog: reliable
// provisionals (RFC 3262) on each leg, session timers (RFC 4028) with their watchdog, and connected
// identity (RFC 4916).
#include "calls/call.hpp"
#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "lineside/call.h"

namespace lineside::kernel {

void Call::prack_fork(Fork &fork, sip_t const *sip) {
  if (!sip->sip_rseq || !sip_has_feature(sip->sip_require, "100rel") || !sip->sip_to->a_tag) return;
  if (!fork.tagged) {
    fork.tagged.reset(nta_outgoing_tagged(fork.orq.get(), &Call::on_fork_response,
                                          reinterpret_cast<nta_outgoing_magic_t *>(&fork),
                                          sip->sip_to->a_tag, sip->sip_rseq));
  }
  if (!fork.tagged) return;
  tport_t *tp = fork.tport.get();
  fork.prack.reset(nta_outgoing_prack(fork.leg.get(), fork.tagged.get(), nullptr, nullptr, nullptr, sip,
                                      TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
}

int Call::on_a_prack(nta_reliable_magic_t *, nta_reliable_t *, nta_incoming_t *, sip_t const *sip) {
  return sip ? 200 : 0;  // the caller acknowledged our reliable provisional
}

void Call::send_connected_identity(const Fork &fork) {
  if (!a_supports_from_change_ || fork.target.dn == dialled_ || !fork.target.is_device) return;
  if (!engine_.display_update_allowed(caller_.device_id)) return;
  // RFC 4916: an UPDATE whose From is the connected party (the dialog's tag stays), with its PAI.
  const std::string name = engine_.display_name_of(fork.target.device_id);
  const std::string uri = "<sip:" + fork.target.dn + "@" + engine_.domain() + ">";
  const std::string identity = "\"" + name + "\" " + uri;
  const std::string from = identity + ";tag=" + nta_leg_get_tag(a_leg_.get());
  const std::string pai = "P-Asserted-Identity: " + identity + "\r\n";
  tport_t *tp = a_tport_.get();
  sent_.emplace_back(nta_outgoing_tcreate(a_leg_.get(), nullptr, nullptr, nullptr, SIP_METHOD_UPDATE,
                                          nullptr, SIPTAG_FROM_STR(from.c_str()),
                                          SIPTAG_HEADER_STR(pai.c_str()), TAG_IF(tp, NTATAG_TPORT(tp)),
                                          TAG_END()));
}

std::string Call::negotiate_session_timer(sip_t const *answer) {
  if (!invite_) return std::string();  // third-party call control: no caller transaction to answer
  const sip_t *offer = invite_->sip();
  std::string refresher;
  if (answer->sip_session_expires) {
    // The callee chose: relay its interval and refresher role unchanged (refreshes cross the B2BUA).
    session_interval_s_ = answer->sip_session_expires->x_delta;
    refresher = answer->sip_session_expires->x_refresher ? answer->sip_session_expires->x_refresher : "uas";
  } else if (offer->sip_session_expires && a_supports_timer_) {
    // The callee has no timer: the caller asked for one and can refresh, so it is the refresher.
    session_interval_s_ = offer->sip_session_expires->x_delta;
    refresher = "uac";
  } else if (!offer->sip_session_expires && a_supports_timer_) {
    // Nobody asked for a timer: the caller's profile (Session Timer) may ask for one, refreshed by
    // the caller, so a leg that dies silently is still torn down.
    session_interval_s_ = engine_.session_timer_of(caller_.device_id);
    refresher = "uac";
  }
  if (!session_interval_s_) return std::string();
  engine_.arm_session_timer(id_, session_interval_s_);
  std::string headers = "Session-Expires: " + std::to_string(session_interval_s_) + ";refresher=" + refresher;
  if (a_supports_timer_) headers += "\r\nRequire: timer";
  return headers;
}

void Call::session_refreshed(sip_t const *response) {
  if (!session_interval_s_) return;
  if (response && response->sip_session_expires) session_interval_s_ = response->sip_session_expires->x_delta;
  engine_.arm_session_timer(id_, session_interval_s_);
}

void Call::session_expired() {
  if (state_ != State::confirmed) return;
  const char *reason = "SIP;cause=408;text=\"Session timer expired\"";
  send_bye(Side::a, reason);
  send_bye(Side::b, reason);
  end(200, "session timer expired", LS_CALL_BY_SYSTEM);
}

}  // namespace lineside::kernel
