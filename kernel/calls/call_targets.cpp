// calls/call_targets.cpp: ringing a call's targets: one fork (B leg INVITE) per target, the
// identity each leg shows (From, P-Asserted-Identity), and failover across route groups.
#include <algorithm>
#include <cstring>
#include <map>
#include <strings.h>

#include "calls/call.hpp"
#include "calls/call_engine.hpp"
#include "calls/call_parts.hpp"
#include "lineside/call.h"
#include "runtime/logger.hpp"

namespace lineside::kernel {

namespace {
/// Statuses after which the next failover group is tried: the gateway, not the callee, failed.
bool fails_over(int status) { return status == 408 || (status >= 500 && status < 600); }

/// What one fork's INVITE says about session timers (RFC 4028), per the callee's profile.
struct TimerRequest {
  const sip_session_expires_t *relayed = nullptr;  ///< the caller's Session-Expires, passed on
  const sip_min_se_t *min_se = nullptr;
  std::string added;  ///< our own Session-Expires value when the caller asked for none
  bool timer = false; ///< "timer" in Supported
};

TimerRequest timer_request(const CallEngine &engine, const CallTarget &target, sip_t const *offer,
                           bool caller_supports_timer) {
  TimerRequest r{offer->sip_session_expires, offer->sip_min_se, "", caller_supports_timer};
  if (!target.is_device) return r;  // trunks: the caller's request goes on unchanged
  const uint32_t interval = engine.session_timer_of(target.device_id);
  if (interval > 0) {
    if (!offer->sip_session_expires) {
      // The device refreshes (refresher=uas): Lineside relays its refreshes and watches them.
      r.added = std::to_string(interval) + ";refresher=uas";
      r.timer = true;
    }
    return r;
  }
  // Session Timer 0: the device is not asked to run a timer. A caller that refreshes the session
  // itself (refresher=uac) is passed on, so the device may still supervise it; otherwise the
  // caller becomes the refresher (negotiate_session_timer).
  const sip_session_expires_t *se = offer->sip_session_expires;
  if (se && se->x_refresher && strcasecmp(se->x_refresher, "uac") == 0) return r;
  return TimerRequest{};
}
}  // namespace

std::string Call::from_for(const CallTarget &target) const {
  const std::string &display = target.from_display.empty() ? caller_.display_name : target.from_display;
  const std::string &user = target.from_user.empty() ? caller_.dn : target.from_user;
  // RFC 3323: an anonymous From carries the anonymous.invalid host.
  const std::string host = target.from_user == "anonymous" ? "anonymous.invalid" : engine_.domain();
  return "\"" + display + "\" <sip:" + user + "@" + host + ">";
}

std::unique_ptr<Call::Fork> Call::ring_without_offer(CallTarget target, Side side, const std::string &from,
                                                     const std::string &headers) {
  return ring_party(std::move(target), side, from, headers, nullptr);
}

std::unique_ptr<Call::Fork> Call::ring_party(CallTarget target, Side side, const std::string &from,
                                             const std::string &headers, const Body *offer) {
  const bool with_body = offer && offer->present;
  auto fork = std::make_unique<Fork>();
  fork->call = this;
  fork->side = side;
  fork->target = std::move(target);
  tport_t *tp = nullptr;
  if (fork->target.transport != LS_TRANSPORT_UDP) {
    tp = engine_.flow_tport(fork->target.flow);
    if (!tp) return nullptr;  // its connection is gone: the phone must reconnect, we never dial it
    fork->tport.reset(tport_ref(tp));
  }
  const std::string to = "<sip:" + fork->target.dn + "@" + engine_.domain() + ">";
  fork->leg.reset(nta_leg_tcreate(engine_.agent(), &Call::on_b_request, reinterpret_cast<nta_leg_magic_t *>(fork.get()),
                                  SIPTAG_FROM_STR(from.c_str()), SIPTAG_TO_STR(to.c_str()),
                                  SIPTAG_CALL_ID(sip_call_id_create(engine_.home(), nullptr)), TAG_END()));
  if (!fork->leg) return nullptr;
  nta_leg_tag(fork->leg.get(), nullptr);
  if (!with_body && fork->target.is_device && engine_.forces_sdp_in_invite(fork->target.device_id)) {
    engine_.offerless_invite_to_forcing_device(id_, fork->target.device_id, "a transfer asks it for an offer");
  }
  const std::string contact = engine_.contact_for(fork->target.transport);
  fork->orq.reset(nta_outgoing_tcreate(
      fork->leg.get(), &Call::on_fork_response, reinterpret_cast<nta_outgoing_magic_t *>(fork.get()), nullptr,
      SIP_METHOD_INVITE, URL_STRING_MAKE(fork->target.contact_uri.c_str()), SIPTAG_CONTACT_STR(contact.c_str()),
      SIPTAG_ALLOW_STR(kCallAllow), TAG_IF(!headers.empty(), SIPTAG_HEADER_STR(headers.c_str())),
      TAG_IF(with_body, SIPTAG_CONTENT_TYPE_STR(with_body ? offer->content_type.c_str() : "")),
      TAG_IF(with_body, SIPTAG_PAYLOAD_STR(with_body ? offer->text.c_str() : "")),
      TAG_IF(tp, NTATAG_TPORT(tp)), TAG_END()));
  return fork->orq ? std::move(fork) : nullptr;
}

std::string Call::fork_headers(const CallTarget &target) const {
  std::string headers;
  if (target.has_asserted_identity) {
    if (!target.asserted_identity.empty()) headers += "P-Asserted-Identity: " + target.asserted_identity + "\r\n";
  } else if (!target.is_device || engine_.pai_allowed(target.device_id)) {
    // Identity from the directory, never the caller's own PAI; per callee profile (Use PAI).
    headers += "P-Asserted-Identity: \"" + caller_.display_name + "\" <sip:" + caller_.dn + "@" +
               engine_.domain() + ">\r\n";
  }
  if (!diversions_.empty()) {
    headers += "Diversion: " + diversion_header(diversions_, engine_.domain()) + "\r\n";
    headers += "History-Info: " + history_info_header(diversions_, current_dn_, engine_.domain()) + "\r\n";
  }
  for (const char *name : {"Answer-Mode", "Priv-Answer-Mode"}) {  // RFC 5373, passed through
    const char *value = invite_ ? invite_->header(name, 0) : nullptr;
    if (value) headers += std::string(name) + ": " + value + "\r\n";
  }
  headers += target.extra_headers;
  return headers;
}

void Call::queue_groups(std::vector<CallTarget> targets) {
  std::map<uint32_t, std::vector<CallTarget>> groups;
  for (CallTarget &t : targets) groups[t.failover_group].push_back(std::move(t));
  pending_groups_.clear();
  for (auto &[group, members] : groups) pending_groups_.push_back(std::move(members));
}

void Call::ring_next_group(uint32_t &refused) {
  if (pending_groups_.empty()) return;
  std::vector<CallTarget> group = std::move(pending_groups_.front());
  pending_groups_.erase(pending_groups_.begin());
  add_forks(std::move(group), refused);
}

bool Call::fail_over(int status) {
  if (!fails_over(status) || pending_groups_.empty()) return false;
  ++generation_;  // the failed group's forks are done; the next group is judged on its own
  while (!pending_groups_.empty()) {
    const size_t before = forks_.size();
    uint32_t refused = 0;
    ring_next_group(refused);
    if (forks_.size() > before) {
      (emergency_ ? log_error : log_warning)(
          "calls", "call " + std::to_string(id_) + (emergency_ ? " (EMERGENCY)" : "") + ": route failed with " +
                       std::to_string(status) + ", failing over to " + forks_.back()->target.contact_uri);
      return true;
    }
  }
  return false;
}

void Call::add_forks(std::vector<CallTarget> targets, uint32_t &refused, sip_t const *offer) {
  const sip_t *sip = offer ? offer : invite_->sip();
  for (CallTarget &t : targets) {
    auto fork = std::make_unique<Fork>();
    fork->call = this;
    fork->generation = generation_;
    fork->target = std::move(t);
    tport_t *tp = nullptr;
    if (fork->target.is_device && fork->target.transport != LS_TRANSPORT_UDP) {
      tp = engine_.flow_tport(fork->target.flow);
      if (!tp) continue;  // the phone's connection is gone: it must reconnect, we never dial it
      fork->tport.reset(tport_ref(tp));
    }
    Body body;
    if (!forward_body(sip, LS_SDP_OFFER, Side::a, fork.get(), body, refused)) continue;
    const CallTarget &target = fork->target;
    const std::string to = target.is_device ? "<sip:" + target.dn + "@" + engine_.domain() + ">"
                                            : "<" + target.contact_uri + ">";
    const std::string from = from_for(target);
    const std::string contact = engine_.contact_for(fork->target.transport);
    fork->leg.reset(nta_leg_tcreate(engine_.agent(), &Call::on_b_request,
                                    reinterpret_cast<nta_leg_magic_t *>(fork.get()),
                                    SIPTAG_FROM_STR(from.c_str()), SIPTAG_TO_STR(to.c_str()),
                                    SIPTAG_CALL_ID(sip_call_id_create(engine_.home(), nullptr)), TAG_END()));
    if (!fork->leg) continue;
    nta_leg_tag(fork->leg.get(), nullptr);
    const std::string &hop = fork->target.next_hop;
    const std::string headers = fork_headers(target);
    // 100rel is offered per callee profile: Lineside PRACKs the callee itself.
    const bool prack = !fork->target.is_device || engine_.prack_allowed(fork->target.device_id);
    const TimerRequest timer = timer_request(engine_, target, sip, a_supports_timer_);
    const std::string supported = std::string(prack ? "100rel" : "") + (prack && timer.timer ? ", " : "") +
                                  (timer.timer ? "timer" : "");
    if (!body.present && target.is_device && engine_.forces_sdp_in_invite(target.device_id)) {
      engine_.offerless_invite_to_forcing_device(id_, target.device_id, "the caller sent a delayed-offer INVITE");
    }
    fork->orq.reset(nta_outgoing_tcreate(
        fork->leg.get(), &Call::on_fork_response, reinterpret_cast<nta_outgoing_magic_t *>(fork.get()),
        hop.empty() ? nullptr : URL_STRING_MAKE(hop.c_str()), SIP_METHOD_INVITE,
        URL_STRING_MAKE(fork->target.contact_uri.c_str()), SIPTAG_CONTACT_STR(contact.c_str()),
        SIPTAG_ALLOW_STR(kCallAllow), SIPTAG_HEADER_STR(headers.c_str()),
        TAG_IF(body.present, SIPTAG_CONTENT_TYPE_STR(body.content_type.c_str())),
        TAG_IF(body.present, SIPTAG_PAYLOAD_STR(body.text.c_str())), TAG_IF(tp, NTATAG_TPORT(tp)),
        // RFC 4028: the caller's session timer request, or the callee profile's own (timer_request)
        TAG_IF(timer.relayed, SIPTAG_SESSION_EXPIRES(timer.relayed)),
        TAG_IF(!timer.added.empty(), SIPTAG_SESSION_EXPIRES_STR(timer.added.c_str())),
        TAG_IF(timer.min_se, SIPTAG_MIN_SE(timer.min_se)), SIPTAG_SUPPORTED_STR(supported.c_str()), TAG_END()));
    if (!fork->orq) {
      log_warning("calls", "cannot send INVITE to " + fork->target.contact_uri);
      continue;
    }
    forks_.push_back(std::move(fork));
  }
}

}  // namespace lineside::kernel
