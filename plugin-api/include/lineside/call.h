/* lineside/call.h: the call engine's ABI: call events for observers, the route hook (dialled digits
 * -> targets) and the SDP hook (offer/answer rewriting per leg). */
#ifndef LINESIDE_CALL_H
#define LINESIDE_CALL_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------------
 * Call events (observers). Event id LS_EVENT_CALL, payload ls_call_event_t.
 * ---------------------------------------------------------------------------------------------- */

#define LS_EVENT_CALL 4u

/** ls_call_event_t.change values. */
#define LS_CALL_ATTEMPT 1u     /**< a routed INVITE is ringing its targets */
#define LS_CALL_RINGING 2u     /**< a target answered 180/183 */
#define LS_CALL_ANSWERED 3u    /**< a target answered 200; the call is connected */
#define LS_CALL_TRANSFERRED 4u /**< a party of the call was replaced by a transfer (host->call_transfer
                                    or an INVITE with Replaces); third_party_dn names the new party */
#define LS_CALL_ENDED 5u       /**< the call is over, answered or not */

/** ls_call_event_t.ended_by values. */
#define LS_CALL_BY_NONE 0u   /**< not ended yet */
#define LS_CALL_BY_CALLER 1u /**< the caller hung up or cancelled */
#define LS_CALL_BY_CALLEE 2u /**< the callee hung up or refused */
#define LS_CALL_BY_SYSTEM 3u /**< timeout, failure, shutdown */

/**
 * Payload of LS_EVENT_CALL: enough for an SMDR/CDR writer.
 * OWNERSHIP: host; strings are borrowed. LIFETIME: the observer call (copy what you keep).
 * THREAD: SIP thread.
 */
typedef struct ls_call_event {
  uint32_t size;                /**< sizeof(ls_call_event_t) */
  uint32_t change;              /**< LS_CALL_* */
  uint64_t call_id;             /**< unique per process run; the same for every event of a call */
  const char *caller_device_id; /**< calling device */
  const char *caller_dn;        /**< calling DN */
  const char *dialled;          /**< the digits dialled (Request-URI user) */
  const char *callee_device_id; /**< answering device, or NULL until ANSWERED */
  const char *callee_dn;        /**< the DN that answered (the dialled DN on that device), or NULL */
  int64_t start_unix_ms;        /**< when the INVITE arrived */
  int64_t answer_unix_ms;       /**< when it was answered, 0 if never */
  int64_t end_unix_ms;          /**< when it ended, 0 before ENDED */
  uint32_t status;              /**< ENDED: the final status the caller got (200 for answered calls) */
  uint32_t q850_cause;          /**< ENDED: Q.850 cause (16 normal, 17 busy, 19 no answer, 1 unallocated,
                                     18 no user responding, 21 rejected, 31 normal unspecified) */
  const char *reason;           /**< ENDED: short text ("caller hung up", "no answer"), else NULL */
  uint32_t ended_by;            /**< LS_CALL_BY_* */
  uint32_t emergency;           /**< 1: the dialled digits are an emergency number (system options) */
  const char *trunk_name;       /**< the route/trunk the call left on (route target trunk_name), NULL
                                     for an internal call */
  uint32_t trunk_number;        /**< its number (SMDR "Tnnn"), 0 for an internal call */
  uint32_t forwarded;           /**< 1: the call was forwarded (call forward always/busy/no answer) */
  const char *third_party_dn;   /**< TRANSFERRED (and later events): the DN the call was transferred
                                     to; NULL when never transferred */
  const char *transferred_by_dn;/**< TRANSFERRED: the DN of the party that transferred, else NULL */
} ls_call_event_t;

/* ------------------------------------------------------------------------------------------------
 * Route hook. Hook id LS_HOOK_ROUTE; args->request is the INVITE; args->payload an ls_route_args_t.
 * Runs for every out-of-dialog INVITE after authentication and after the caller was identified as
 * a provisioned device, before the default router (directory DN -> registered contacts).
 * Verdicts: CONTINUE = let later hooks / the default router decide; STOP = decided: either the
 * module answered the INVITE itself (a barring module's 403) or it gave targets with
 * host->call_route_to(); ERROR = logged, treated as CONTINUE (fail open). ASYNC is not supported
 * at this hook point in ABI 1 (treated as ERROR).
 * ---------------------------------------------------------------------------------------------- */

#define LS_HOOK_ROUTE 4u

/**
 * What the route hook is told. OWNERSHIP: host. LIFETIME: the hook call. THREAD: SIP thread.
 */
typedef struct ls_route_args {
  uint32_t size;                /**< sizeof(ls_route_args_t) */
  uint32_t reserved0;           /**< zero */
  uint64_t call_id;             /**< the call this INVITE starts (as in call events) */
  const char *dialled;          /**< Request-URI user */
  const char *caller_device_id; /**< the identified calling device */
  const char *caller_dn;        /**< its main DN */
  uint32_t emergency;           /**< 1: `dialled` is one of the system's emergency numbers; the
                                     caller may then be unauthenticated (caller_device_id may be
                                     the From user's device, or "" when nothing matched) */
  uint32_t reserved1;           /**< zero */
} ls_route_args_t;

/**
 * One target a route hook gives. OWNERSHIP: caller; the host copies. THREAD: SIP thread.
 */
typedef struct ls_route_target {
  uint32_t size;         /**< sizeof(ls_route_target_t) */
  uint32_t transport;    /**< LS_TRANSPORT_* to reach it, or LS_TRANSPORT_UNKNOWN to follow the URI */
  const char *uri;       /**< Request-URI of the new leg ("sip:+15551234@gw.example.net") */
  const char *next_hop;  /**< send via this URI (outbound proxy / gateway), or NULL: resolve uri */
  const char *device_id; /**< the device it reaches, or NULL (a trunk) */
  const char *dn;        /**< the number shown as called party, or NULL for the dialled digits */
  uint32_t failover_group; /**< targets of one group ring in parallel; when every target of a group
                                fails with 408 or 5xx (a send failure counts as 503), the next higher
                                group is tried; any other failure (486, 404, 6xx) ends the call */
  uint32_t trunk_number;   /**< 1..9999: the trunk number reported in call events (SMDR "Tnnn") */
  const char *trunk_name;  /**< the route/trunk name reported in call events, or NULL */
  const char *from_user;   /**< user part of the From URI on this leg (external caller id, CESID),
                                or NULL for the caller's DN; "anonymous" also makes the From host
                                "anonymous.invalid" (RFC 3323) */
  const char *from_display;/**< display name of From on this leg ("Anonymous"), or NULL for the
                                directory's display name */
  const char *asserted_identity; /**< P-Asserted-Identity value for this leg ("<sip:+1555@x>"),
                                      "" for none, or NULL for the kernel's rule (profile, PAI) */
  const char *extra_headers;/**< header lines added to the INVITE of this leg, each ending "\r\n"
                                 ("Priority: emergency\r\nPrivacy: id\r\n"), or NULL */
} ls_route_target_t;

/* ------------------------------------------------------------------------------------------------
 * SDP hook. Hook id LS_HOOK_SDP; args->request is NULL; args->payload an ls_sdp_args_t.
 * Runs for every SDP body the engine forwards from one leg to the other (offers and answers, in
 * INVITE, 18x, 200, re-INVITE and UPDATE), in priority order; each hook sees the body as the
 * previous one left it. Without any hook the body passes unchanged.
 * Verdicts: CONTINUE = go on (use host->sdp_replace to rewrite first); STOP = refuse it: the engine
 * answers the offer with host->sdp_reject's status (488 by default) and, for an answer, ends the
 * call; ERROR = logged, the body passes as it is (fail open).
 * ---------------------------------------------------------------------------------------------- */

#define LS_HOOK_SDP 5u

/** ls_sdp_args_t.kind values. */
#define LS_SDP_OFFER 1u
#define LS_SDP_ANSWER 2u

/** ls_sdp_args_t.from_side / to_side values. */
#define LS_LEG_CALLER 1u /**< the A leg: the caller's dialog */
#define LS_LEG_CALLEE 2u /**< a B leg: the dialog towards a target */

/** Opaque edit handle passed back to host->sdp_replace / host->sdp_reject. */
typedef struct ls_sdp_edit ls_sdp_edit_t;

/**
 * What the SDP hook is told. OWNERSHIP: host. LIFETIME: the hook call. THREAD: SIP thread.
 */
typedef struct ls_sdp_args {
  uint32_t size;              /**< sizeof(ls_sdp_args_t) */
  uint32_t kind;              /**< LS_SDP_OFFER / LS_SDP_ANSWER */
  uint64_t call_id;           /**< the call (as in call events) */
  uint32_t from_side;         /**< LS_LEG_* the body came from */
  uint32_t to_side;           /**< LS_LEG_* it goes to */
  uint32_t leg_index;         /**< which B leg (fork) is involved, from 0 */
  uint32_t to_transport;      /**< LS_TRANSPORT_* of the signalling towards the receiver (keys only
                                   over TLS unless configured otherwise) */
  const char *from_device_id; /**< device that sent it, or NULL (trunk) */
  const char *to_device_id;   /**< device that will receive it, or NULL (trunk) */
  const char *body;           /**< the SDP as it stands */
  size_t body_len;            /**< its length */
  ls_sdp_edit_t *edit;        /**< handle for sdp_replace / sdp_reject */
  /* ABI 1.1 (check LS_HAS_FIELD before reading): */
  uint32_t from_transport;    /**< LS_TRANSPORT_* of the signalling the body came over: whether
                                   keys the sender offered, or keys in an answer to it, travel in
                                   clear */
  uint32_t reserved1;         /**< 0 */
} ls_sdp_args_t;

/* ------------------------------------------------------------------------------------------------
 * In-dialog hook. Hook id LS_HOOK_IN_DIALOG; args->request is the request received inside a call's
 * dialog (re-INVITE, UPDATE, INFO, MESSAGE, REFER, NOTIFY...; never ACK, BYE or CANCEL), filtered by
 * the hook's `methods`; args->payload an ls_in_dialog_args_t. Runs before the engine relays the
 * request to the other leg.
 * Verdicts: CONTINUE = relay it as usual; STOP = the module answered it (host->respond) and it is not
 * relayed; ERROR = logged, relayed as usual (fail open). ASYNC is not supported here in ABI 1.
 * ---------------------------------------------------------------------------------------------- */

#define LS_HOOK_IN_DIALOG 6u

/**
 * What the in-dialog hook is told. OWNERSHIP: host. LIFETIME: the hook call. THREAD: SIP thread.
 */
typedef struct ls_in_dialog_args {
  uint32_t size;      /**< sizeof(ls_in_dialog_args_t) */
  uint32_t from_side; /**< LS_LEG_* the request came from */
  uint64_t call_id;   /**< the call (as in call events) */
} ls_in_dialog_args_t;

/* ------------------------------------------------------------------------------------------------
 * Transfer (host->call_transfer). The party on `leaving_side` of call `call_id` (the transferor)
 * is replaced by a new party, who is then connected to the party that stays:
 * - blind: `target_dn` is rung (directory routing, every registered contact, INVITE without SDP
 *   carrying Referred-By); the first to answer is connected to the staying party by a re-INVITE;
 * - attended: the remaining party of call `with_call_id` (the one NOT on `with_side`) is moved into
 *   this call; the transferor's dialog in that call is released and that call ends.
 * On success the transferor's dialog is released (BYE), the staying party's display is updated
 * (P-Asserted-Identity in the re-INVITE, when its profile allows display updates), and the call
 * emits LS_CALL_TRANSFERRED with third_party_dn and transferred_by_dn. On failure the call stays as
 * it was. With `notify_sipfrag` the host sends the RFC 3515 NOTIFYs (Event: refer, message/sipfrag:
 * 100 Trying, 180 Ringing, then the final status, Subscription-State terminated) in the
 * transferor's dialog: the implicit subscription of the REFER a module accepted with 202.
 * ---------------------------------------------------------------------------------------------- */

/**
 * A transfer request. OWNERSHIP: caller; the host copies. THREAD: SIP thread.
 */
typedef struct ls_transfer {
  uint32_t size;            /**< sizeof(ls_transfer_t) */
  uint32_t leaving_side;    /**< LS_LEG_CALLER / LS_LEG_CALLEE: the transferor's side of call_id */
  uint64_t call_id;         /**< the call (as in call events) */
  const char *target_dn;    /**< blind transfer: the number to ring; NULL for an attended transfer */
  const char *referred_by;  /**< Referred-By value (RFC 3892) for the target, or NULL */
  uint64_t with_call_id;    /**< attended transfer: the transferor's other call; 0 for blind */
  uint32_t with_side;       /**< attended: LS_LEG_* of the transferor in with_call_id */
  uint32_t notify_sipfrag;  /**< 1: send the REFER progress NOTIFYs to the transferor */
} ls_transfer_t;

/** Outcome of host->call_transfer: status 200 when connected, else the failure (486, 480, 404,
 *  481 no such call, 488 no media agreement, 500). THREAD: SIP thread. Called exactly once. */
typedef void (*ls_transfer_done_fn)(void *arg, uint64_t call_id, uint32_t status);

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_CALL_H */
