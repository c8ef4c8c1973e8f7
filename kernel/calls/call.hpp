// calls/call.hpp: one call through the B2BUA: the caller's leg (A), the forks ringing each target
// (B), and, once answered, the relay of in-dialog requests between the two dialogs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "calls/call_forwarding.hpp"
#include "calls/call_router.hpp"
#include "sip/incoming_request.hpp"
#include "sip/sofia.hpp"

namespace lineside::kernel {

class CallEngine;

/// Who is calling, as the directory knows them.
struct CallerIdentity {
  std::string device_id;
  std::string dn;
  std::string display_name;
};

/// SIP thread only. Owned by the CallEngine; it is destroyed by the engine after it reports
/// itself finished (never inside a Sofia callback).
class Call {
 public:
  /// `current_dn` is the DN rung first (the dialled one, or where forward-always led, with the
  /// hops that got there in `diversions`).
  Call(CallEngine &engine, uint64_t id, std::unique_ptr<ls_request> invite, CallerIdentity caller,
       std::string dialled, std::string current_dn, std::vector<DiversionHop> diversions);
  ~Call();
  Call(const Call &) = delete;
  Call &operator=(const Call &) = delete;

  /// Ring every target; answers the caller itself when nothing can be rung.
  void start(std::vector<CallTarget> targets);
  /// Ring timeout: forward on no answer if the DN says so, else cancel every fork and answer 480.
  void ring_timeout();
  /// Forward: cancel what rings now and ring `targets` for `new_dn` instead.
  void redirect(const std::string &new_dn, DivertReason reason, std::vector<CallTarget> targets);
  [[nodiscard]] const std::string &current_dn() const { return current_dn_; }
  /// RFC 4028: nobody refreshed the session within its interval: BYE both sides.
  void session_expired();
  [[nodiscard]] size_t forward_hops() const { return diversions_.size(); }
  /// Tear down both sides (graceful stop).
  void hang_up_all();
  /// A module ended the call (host->call_end): BYE / CANCEL with "Reason: Q.850;cause=...".
  void terminate(uint32_t q850_cause, const std::string &reason);
  /// Dialled an emergency number (reported in call events).
  void set_emergency(bool emergency) { emergency_ = emergency; }
  [[nodiscard]] uint64_t id() const { return id_; }
  [[nodiscard]] bool finished() const { return state_ == State::ended; }
  [[nodiscard]] bool answered() const { return state_ == State::confirmed; }
  /// True when some fork was cancelled: a late 200 may still come and must get ACK + BYE.
  [[nodiscard]] bool has_cancelled_forks() const { return cancelled_forks_; }

  /// What call events report about this call.
  struct Summary {
    const CallerIdentity *caller;
    const std::string *dialled;
    std::string callee_device_id;
    std::string callee_dn;
    int64_t start_ms = 0;
    int64_t answer_ms = 0;
    uint32_t ended_by = 0;  ///< LS_CALL_BY_*
    bool emergency = false;
    bool forwarded = false;
    std::string trunk_name;
    uint32_t trunk_number = 0;
    const std::string *third_party_dn = nullptr;
    const std::string *transferred_by_dn = nullptr;
    bool subscriber_absent = false;  ///< refused 480 because no contact could be reached (Q.850 20)
  };
  [[nodiscard]] Summary summary() const;

 private:
  enum class State { ringing, confirmed, ended };

 public:
  enum class Side { a, b };
  /// A transfer to run on this call (see ls_transfer_t; the engine resolves ids and targets).
  struct TransferSpec {
    Side leaving = Side::b;           ///< the transferor's side
    std::vector<CallTarget> targets;  ///< blind: where the target DN rings
    std::string target_dn;            ///< blind: the DN (reported as the third party)
    std::string referred_by;          ///< Referred-By value for the target, or ""
    Call *with = nullptr;             ///< attended: the transferor's other call
    Side with_side = Side::a;         ///< attended: the transferor's side in `with`
    bool notify = false;              ///< send RFC 3515 sipfrag NOTIFYs to the transferor
    int no_target_status = 480;       ///< blind with no targets: 404 unknown number, 480 not registered
  };
  /// Start a transfer; false when the call is not connected or one already runs. `done` gets the
  /// final status once (possibly from inside this call for an immediate failure).
  bool start_transfer(TransferSpec spec, std::function<void(uint32_t)> done);
  /// Which side's dialog is `leg`? False when it is none of this call's current parties.
  bool side_of_leg(const nta_leg_t *leg, Side &side) const;
  /// Third-party call control (RFC 3725 flow I): ring the originator's contacts without SDP; the
  /// one that answers gives the offer, which then rings `targets`; their answer goes back in our ACK.
  void originate(std::vector<CallTarget> originator, std::vector<CallTarget> targets, bool auto_answer);
  /// The mirror of flow I when the first party's profile forces SDP in the initial INVITE: ring
  /// `targets` without SDP; the one that answers gives the offer, which then rings the originator;
  /// its answer goes back to the second party in our ACK.
  void originate_offer_first(std::vector<CallTarget> originator, std::vector<CallTarget> targets, bool auto_answer);
  /// An INVITE with Replaces matched this call's dialog on `side`: its sender replaces that party.
  void replace_party(Side side, std::unique_ptr<ls_request> invite, CallerIdentity sender);

 private:
  struct Fork;
  struct Relay;
  struct Transfer;
  /// A body to forward: the content type and the (possibly hook-rewritten) text.
  struct Body {
    bool present = false;
    std::string content_type;
    std::string text;
  };
  /// Run the SDP hooks over `sip`'s body going from `from` to `to`; false when a hook refused it
  /// (status in `refused`).
  bool forward_body(sip_t const *sip, uint32_t kind, Side from, const Fork *fork, Body &out,
                    uint32_t &refused);
  [[nodiscard]] uint32_t transport_towards(Side side, const Fork *fork) const;

  static int on_fork_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  static int on_a_cancel(nta_incoming_magic_t *magic, nta_incoming_t *irq, sip_t const *sip);
  static int on_a_request(nta_leg_magic_t *magic, nta_leg_t *leg, nta_incoming_t *irq, sip_t const *sip);
  static int on_b_request(nta_leg_magic_t *magic, nta_leg_t *leg, nta_incoming_t *irq, sip_t const *sip);
  static int on_relay_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  static int on_bye_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  static int on_a_prack(nta_reliable_magic_t *magic, nta_reliable_t *rel, nta_incoming_t *prack,
                        sip_t const *sip);
  /// PRACK a callee's reliable provisional ourselves (PRACK is hop by hop across the B2BUA).
  void prack_fork(Fork &fork, sip_t const *sip);

  /// One fork per target; the offer comes from `offer` (default: the caller's INVITE).
  void add_forks(std::vector<CallTarget> targets, uint32_t &refused, sip_t const *offer = nullptr);
  /// Split route targets by failover group (ascending) into pending_groups_.
  void queue_groups(std::vector<CallTarget> targets);
  /// Ring the next pending group as a new generation of forks.
  void ring_next_group(uint32_t &refused);
  /// Every fork of the group failed with `status`: ring the next group if that status allows it.
  bool fail_over(int status);
  /// A client INVITE without SDP to `target` for `side` (transfer targets, 3pcc's first party): the
  /// answer brings the offer. nullptr when it cannot be sent.
  std::unique_ptr<Fork> ring_without_offer(CallTarget target, Side side, const std::string &from,
                                           const std::string &headers);
  /// The From of one fork: the caller's DN and display unless the route target overrides them.
  [[nodiscard]] std::string from_for(const CallTarget &target) const;
  /// The INVITE header lines for one fork: identity (PAI), diversion, answer mode, route extras.
  [[nodiscard]] std::string fork_headers(const CallTarget &target) const;
  void fork_response(Fork &fork, sip_t const *sip);
  void fork_answered(Fork &fork, sip_t const *sip);
  void fork_failed(Fork &fork, int status);
  void send_ack(nta_leg_t *leg, uint32_t cseq, tport_t *tp, const Body *body);
  /// A contact answered that the call no longer wants (another answered first, or it is over):
  /// acknowledge its 200 and hang that dialog up (end_unwanted_dialog), the fork done.
  void release_late_answer(Fork &fork, uint32_t cseq);
  /// ACK a 200 the call cannot use and send BYE with a Reason (RFC 3326): `reason`, else what
  /// the fork's CANCEL said, else 487 (the call was given up before the answer came).
  void end_unwanted_dialog(Fork &fork, uint32_t cseq, const char *reason);
  /// CANCEL one ringing fork with `reason` (may be null), remembered for a late answer's BYE.
  void cancel_fork(Fork &fork, const char *reason);
  void cancel_forks(const Fork *except, const char *reason);
  int in_dialog(Side from, nta_incoming_t *irq, sip_t const *sip);
  void send_bye(Side to, const char *reason);
  void reply_a(int status, const char *phrase, const Body *body, bool nothing_registered = false,
               const std::string &extra_headers = std::string());
  /// Session timer headers for the caller's 200, and the interval now in force (0 = none).
  std::string negotiate_session_timer(sip_t const *answer);
  /// A relayed re-INVITE / UPDATE succeeded: the session was refreshed.
  void session_refreshed(sip_t const *response);
  void end(int status, const char *why, uint32_t ended_by);
  nta_leg_t *leg_of(Side side) const;
  tport_t *tport_of(Side side) const;

  CallEngine &engine_;
  uint64_t id_;
  State state_ = State::ringing;
  std::unique_ptr<ls_request> invite_;  ///< the caller's INVITE (server transaction)
  CallerIdentity caller_;
  std::string dialled_;
  std::string current_dn_;
  std::vector<DiversionHop> diversions_;
  uint32_t generation_ = 0;  ///< forks of earlier generations were forwarded away from
  sofia::LegPtr a_leg_;
  sofia::TportRef a_tport_;             ///< the caller's connection (TCP/TLS), else null
  std::vector<std::unique_ptr<Fork>> forks_;
  Fork *winner_ = nullptr;
  Fork *early_fork_ = nullptr;  ///< the fork whose early dialog carries early UPDATE/INFO
  /// The callee side in-dialog requests go to: the answering fork, else the early one.
  [[nodiscard]] Fork *peer_fork() const { return winner_ ? winner_ : early_fork_; }
  std::vector<std::unique_ptr<Relay>> relays_;
  std::vector<sofia::OutgoingPtr> sent_;  ///< BYEs, UPDATEs we sent: kept until the call goes
  int64_t started_ms_ = 0;
  bool cancelled_forks_ = false;
  bool rang_ = false;
  bool offer_in_invite_ = true;  ///< false: delayed offer, the caller answers in its ACK
  uint32_t pending_b_ack_cseq_ = 0;  ///< delayed offer: the callee's 200 waits for the caller's ACK
  int64_t answered_ms_ = 0;
  uint32_t ended_by_ = 0;
  bool a_supports_timer_ = false;
  bool a_supports_from_change_ = false;  ///< RFC 4916: the caller takes connected identity updates
  /// RFC 4916: tell the caller who answered when it is not who was dialled (forward, line DN).
  void send_connected_identity(const Fork &fork);
  bool a_reliable_ = false;  ///< send the caller reliable provisionals (it supports 100rel, profile allows)
  unsigned long session_interval_s_ = 0;
  bool emergency_ = false;
  bool subscriber_absent_ = false;  ///< refused 480: no contact could be reached
  // ---- transfers (call_transfer.cpp) ----
  static int on_transfer_reinvite(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  static int on_transfer_probe(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  void joining_response(Fork &fork, sip_t const *sip, int status);
  int joining_request(Fork &fork, nta_incoming_t *irq, sip_t const *sip);
  /// The joining party answered with its offer: offer it to the staying party (re-INVITE).
  void joining_offer(Fork &fork, sip_t const *sip);
  void transfer_answered(sip_t const *sip);
  void complete_transfer();
  void fail_transfer(int status);
  void notify_transferor(int status, const char *phrase, bool final);
  /// Take the party on `side` out of this call (its leg now reports to `to`), for an attended transfer.
  std::unique_ptr<Fork> detach_party(Side side, Call &to);
  [[nodiscard]] static Side other(Side s) { return s == Side::a ? Side::b : Side::a; }
  // ---- third-party call control (call_originate.cpp) ----
  void originator_response(Fork &fork, sip_t const *sip, int status);
  /// The originator's dialog when the call is ended before the other party answered.
  void release_originator();
  bool originated_ = false;
  // ---- mirrored third-party call control, for a first party that must get SDP (call_originate.cpp) ----
  void offer_first_response(Fork &fork, sip_t const *sip, int status);
  /// A client INVITE to `target` for `side`, with `offer` as its SDP (nullptr: without SDP).
  std::unique_ptr<Fork> ring_party(CallTarget target, Side side, const std::string &from, const std::string &headers,
                                   const Body *offer);
  bool offer_first_ = false;          ///< the second party is rung first and gives the offer
  Fork *offering_party_ = nullptr;    ///< its answered fork: its 200 (the offer) awaits our ACK
  uint32_t originator_ack_cseq_ = 0;   ///< the originator's 200 (its offer) awaits our ACK with the answer
  std::vector<CallTarget> originate_targets_;
  std::unique_ptr<Transfer> transfer_;
  Fork *a_party_ = nullptr;  ///< the caller's side after a transfer replaced the caller (a client leg)
  std::string third_party_dn_;
  std::string transferred_by_dn_;
  std::vector<std::unique_ptr<ls_request>> replacing_invites_;  ///< INVITE/Replaces we answered
  std::vector<std::vector<CallTarget>> pending_groups_;  ///< failover groups not rung yet, in order
};

}  // namespace lineside::kernel
