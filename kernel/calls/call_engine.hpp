// calls/call_engine.hpp: the kernel's B2BUA: takes INVITE (and MESSAGE) requests no module took,
// checks the caller is a provisioned device, routes the dialled digits, and owns every Call.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "calls/call.hpp"
#include "calls/call_router.hpp"
#include "calls/sdp_filter.hpp"
#include "calls/sdp_hold.hpp"
#include "lineside/abi.h"
#include "lineside/call.h"
#include "sip/incoming_request.hpp"

namespace lineside::kernel {

class Directory;
class EventBus;
class FlowTable;
class HookChains;
class Metrics;
class MessageRelay;
class ProviderRegistry;
class SipLoop;
class SipStack;
class TimerService;

struct CallSettings {
  int64_t ring_timeout_ms = 60000;
};

/// SIP thread only.
class CallEngine {
 public:
  CallEngine(SipLoop &loop, SipStack &sip, FlowTable &flows, const Directory &directory,
             const ProviderRegistry &providers, const HookChains &chains, const EventBus &events,
             TimerService &timers, Metrics &metrics, std::string domain, CallSettings settings);
  ~CallEngine();
  CallEngine(const CallEngine &) = delete;
  CallEngine &operator=(const CallEngine &) = delete;

  /// New settings (SIGHUP); calls already ringing keep the ring timeout they started with.
  void set_settings(CallSettings settings) { settings_ = settings; }

  /// Take an out-of-dialog INVITE or MESSAGE; returns false (leaving `req`) for anything else.
  bool take(std::unique_ptr<ls_request> &req);
  /// End every call (graceful stop).
  void stop_all();
  [[nodiscard]] size_t active_calls() const { return calls_.size(); }
  /// Visit every call the engine holds (SIP thread).
  template <class F>
  void for_each_call(F &&visit) const {
    for (const auto &[id, call] : calls_) visit(*call);
  }
  /// Does this device's capability profile allow display updates (connected identity)?
  [[nodiscard]] bool display_update_allowed(const std::string &device_id) const;
  /// The directory display name of a device ("" when unknown).
  [[nodiscard]] std::string display_name_of(const std::string &device_id) const;
  /// Is `dialled` one of the system options' emergency numbers?
  [[nodiscard]] bool is_emergency_number(std::string_view dialled) const;
  /// Run `fn` on call `id` once the current SIP callback has returned (skipped if the call is gone).
  void later(uint64_t id, std::function<void(Call &)> fn);
  /// host->call_transfer: -1 when refused at once, else 0 (`done` follows exactly once).
  int transfer(const ls_transfer_t &spec, std::function<void(uint32_t)> done);
  /// host->call_find_dialog: the connected call and side owning the dialog (Replaces semantics).
  bool find_dialog(const char *sip_call_id, const char *local_tag, const char *remote_tag, uint64_t &id,
                   uint32_t &side) const;
  /// Third-party call control: ring from_dn, then connect it to to_dn. False with an HTTP-like
  /// status (404 unknown DN, 480 not registered) and a reason when it cannot start.
  bool originate(const std::string &from_dn, const std::string &to_dn, bool auto_answer, uint64_t &id, int &status,
                 std::string &error);
  /// End a call from a module (host->call_end): false when there is no such call.
  bool end_call(uint64_t id, uint32_t q850_cause, const std::string &reason);
  /// Does this device's capability profile ask for P-Asserted-Identity?
  [[nodiscard]] bool pai_allowed(const std::string &device_id) const;

  // ---- services for Call / MessageRelay ----
  [[nodiscard]] nta_agent_t *agent() const;
  [[nodiscard]] su_home_t *home() const { return home_.get(); }
  [[nodiscard]] const std::string &domain() const { return domain_; }
  [[nodiscard]] int64_t now_ms() const;
  /// Our Contact (with angle brackets) for requests and answers on `transport`.
  [[nodiscard]] std::string contact_for(uint32_t transport) const;
  /// The open connection of a flow, or nullptr.
  [[nodiscard]] tport_t *flow_tport(ls_flow_id_t flow) const;
  /// Emit LS_EVENT_CALL (`status`/`why` only for LS_CALL_ENDED).
  void call_event(Call &call, uint32_t change, int status, const char *why);
  void call_ended(Call &call, int status, const char *why, bool was_answered);
  /// Every fork of the DN being rung failed with `status`: forward on busy if that DN says so.
  bool forward_on_failure(Call &call, int status);
  /// The ring timer of the DN being rung fired: forward on no answer if that DN says so.
  bool forward_on_no_answer(Call &call);
  /// May this device use reliable provisionals (its capability profile's Enable PRACK)?
  [[nodiscard]] bool prack_allowed(const std::string &device_id) const;
  /// (Re)start a call's session-timer watchdog (RFC 4028): it expires after `interval_s`.
  void arm_session_timer(uint64_t id, unsigned long interval_s);
  /// Offer an in-dialog request to LS_HOOK_IN_DIALOG hooks. True when a module answered it (the
  /// transaction is then finished and destroyed); false: relay it (the caller still owns `irq`).
  bool offer_in_dialog(Call &call, bool from_caller, nta_incoming_t *irq, sip_t const *sip);
  /// Run the SDP hooks over one body, then the receiving device's profile rules (0.0.0.0 hold).
  [[nodiscard]] SdpOutcome filter_sdp(const SdpContext &ctx, std::string_view body);
  // ---- capability profile rules read at call time (call_profile_rules.cpp) ----
  /// The device's Session Timer in seconds (0: off, or not a device).
  [[nodiscard]] uint32_t session_timer_of(const std::string &device_id) const;
  /// Limit to one Offer/Answer per INVITE: no second offer toward it inside the INVITE transaction.
  [[nodiscard]] bool one_offer_per_invite(const std::string &device_id) const;
  /// Force sending SDP in initial INVITE: it must never be sent an INVITE without SDP.
  [[nodiscard]] bool forces_sdp_in_invite(const std::string &device_id) const;
  /// An INVITE without SDP goes to a device whose profile forces SDP (a signalling-only B2BUA has no
  /// offer to give): one WARNING naming the device and the rule, and a metric.
  void offerless_invite_to_forcing_device(uint64_t call_id, const std::string &device_id, const char *why);
  void message_done(uint64_t id);

 private:
  /// Who is calling, or the status that refuses them.
  bool identify_caller(ls_request &req, CallerIdentity &caller, int &status);
  void take_invite(std::unique_ptr<ls_request> &req, CallerIdentity caller, bool emergency);
  /// An INVITE to an emergency number: never refused for who sent it (see emergency_calls.cpp).
  void take_emergency_invite(std::unique_ptr<ls_request> &req);
  /// An INVITE with Replaces (RFC 3891): replace the matched party, or 481 (call_transfers.cpp).
  void take_replacing_invite(std::unique_ptr<ls_request> &req, CallerIdentity caller);
  /// The call and side whose dialog `replaces` names, or nullptr.
  Call *call_by_replaces(const sip_replaces_t *replaces, Call::Side &side) const;
  /// LS_CALL_ENDED for an INVITE answered before any call existed (no ATTEMPT before it).
  void refused_call_event(uint64_t id, const CallerIdentity &caller, const std::string &dialled, uint32_t status,
                          bool emergency);
  /// Route hook, then the default router. False when the INVITE was answered (refused).
  bool route_invite(ls_request &req, uint64_t id, const CallerIdentity &caller,
                    const std::string &dialled, bool emergency, RouteResult &result);
  void take_message(std::unique_ptr<ls_request> &req, CallerIdentity caller);
  void destroy_later(uint64_t id, int64_t delay_ms);
  /// (Re)start a call's ring timer for how long `dn` rings: its no-answer forward timeout, else
  /// kernel.calls.ring_timeout.
  void arm_ring_timer(uint64_t id, const std::string &dn);
  bool forward(Call &call, const std::string &target_dn, DivertReason reason);
  /// Prevent the Use of IP Address 0.0.0.0 toward ctx.to_device_id; remembers each sender's addresses.
  void apply_hold_rule(const SdpContext &ctx, std::string &body);
  /// Where a device's signalling comes from (its first registered binding's source), or "".
  [[nodiscard]] std::string signalling_address_of(const std::string &device_id) const;

  SipLoop &loop_;
  SipStack &sip_;
  FlowTable &flows_;
  const Directory &directory_;
  const ProviderRegistry &providers_;
  const HookChains &chains_;
  const EventBus &events_;
  TimerService &timers_;
  Metrics &metrics_;
  std::string domain_;
  CallSettings settings_;
  CallRouter router_;
  sofia::HomePtr home_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::unique_ptr<Call>> calls_;
  std::unordered_map<uint64_t, ls_timer_id_t> ring_timers_;
  std::unordered_map<uint64_t, ls_timer_id_t> session_timers_;
  std::unordered_map<uint64_t, std::unique_ptr<MessageRelay>> messages_;
  /// Per call, per sender ("side/device"): the last real SDP connection addresses it sent.
  std::unordered_map<uint64_t, std::unordered_map<std::string, SdpStreamAddresses>> sdp_senders_;
};

}  // namespace lineside::kernel
