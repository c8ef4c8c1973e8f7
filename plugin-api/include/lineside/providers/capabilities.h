/* lineside/providers/capabilities.h: SIP Device Capabilities profiles and system options
 * (lineside.capabilities/1), offered by the host from the provisioning directory. */
#ifndef LINESIDE_PROVIDERS_CAPABILITIES_H
#define LINESIDE_PROVIDERS_CAPABILITIES_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Provided by the host itself (profiles are kernel-owned provisioning data). */
#define LS_CAPABILITIES_PROVIDER "lineside.capabilities"
#define LS_CAPABILITIES_VERSION 1u

/** Highest user profile number; user profiles are 1..LS_USER_PROFILE_MAX. */
#define LS_USER_PROFILE_MAX 64u
/** Built-in (read-only, one per device type) profiles are numbered from here up. */
#define LS_BUILTIN_PROFILE_BASE 101u

/** ls_capability_profile_t.call_park_method values. Append-only. */
#define LS_CALL_PARK_SYSTEM 0u      /**< park/retrieve by feature access codes handled by the server */
#define LS_CALL_PARK_REFER 1u       /**< the phone parks by REFER to the park orbit */
#define LS_CALL_PARK_NONE 2u        /**< call park is not offered to this device */

/**
 * One SIP Device Capabilities profile (Mitel field names in the comments). Booleans are 0 or 1.
 * OWNERSHIP: host; strings are borrowed. LIFETIME: until the SIP thread returns to its event loop
 * (an admin change may replace the profile): read it at call time, copy what you keep.
 * THREAD: SIP thread.
 */
typedef struct ls_capability_profile {
  uint32_t size;                           /**< set by the caller to sizeof(ls_capability_profile_t) */
  uint32_t id;                             /**< 1..64 user profile, >= LS_BUILTIN_PROFILE_BASE built-in */
  const char *comment;                     /**< Comment (at most 15 characters), or "" */
  const char *outbound_proxy;              /**< Outbound Proxy Server ("host[:port]"), or "" for none */
  uint32_t builtin;                        /**< 1: a read-only built-in profile */
  uint32_t device_based_in_call_features;  /**< Replace System based with Device based In-Call Features */
  uint32_t digit_collection_busy_alerting; /**< Enable Digit Collection During Busy or Alerting State */
  uint32_t distinctive_ring_tones;         /**< Distinctive Ring Tones (internal/external/callback) */
  uint32_t call_park_method;               /**< Support for Call Park: LS_CALL_PARK_* */
  uint32_t allow_display_update;           /**< Allow Display Update (RFC 4916 connected identity) */
  uint32_t prevent_ip_0000_hold;           /**< Prevent the Use of IP Address 0.0.0.0 (SDP hold) */
  uint32_t avp_only;                       /**< AVP Only Device: never offer RTP/SAVP (default 1) */
  uint32_t enable_prack;                   /**< Enable PRACK (RFC 3262) */
  uint32_t use_pai;                        /**< Use P-Asserted Identity (RFC 3325) */
  uint32_t session_timer_s;                /**< Session Timer seconds (RFC 4028); 0 = off */
  uint32_t force_sdp_in_initial_invite;    /**< Force sending SDP in initial Invite message */
  uint32_t one_offer_answer_per_invite;    /**< Limit to one Offer/Answer per INVITE */
  uint32_t reserved0;                      /**< zero */
} ls_capability_profile_t;

/**
 * System-wide options modules consume (SRTP, emergency, SMDR).
 * OWNERSHIP: host; strings and the array are borrowed. LIFETIME: as ls_capability_profile_t.
 * THREAD: SIP thread.
 */
typedef struct ls_system_options {
  uint32_t size;                    /**< set by the caller to sizeof(ls_system_options_t) */
  uint32_t srtp_enabled;            /**< Voice/Video SRTP Encryption Enabled */
  const char *default_cesid;        /**< system default CESID (7-12 digits), or "" */
  const char *const *emergency_numbers; /**< dialled strings treated as emergency calls */
  uint32_t emergency_number_count;  /**< entries in emergency_numbers */
  uint32_t smdr_internal;           /**< write SMDR records for internal calls */
  uint32_t smdr_external;           /**< write SMDR records for external (trunk) calls */
  uint32_t smdr_extended_digits;    /**< Extended Digit Length records (101 columns) */
  uint32_t smdr_ani_dnis;           /**< append ANI/DNIS (external records) */
  uint32_t smdr_24h_clock;          /**< 1: 24-hour start time; 0: 12-hour with 'p' */
  const char *smdr_system_id;       /**< 3-digit system identifier of SMDR records */
} ls_system_options_t;

/**
 * lineside.capabilities/1 function table; every function pointer is set by the host.
 * OWNERSHIP: host. LIFETIME: process. THREAD: SIP thread.
 */
typedef struct ls_capabilities_v1 {
  uint32_t size; /**< sizeof(ls_capabilities_v1_t) */
  uint32_t reserved0;
  /** The profile device `device_id` links to. Returns 0 and fills out, or -1 (no such device). */
  int (*profile_of_device)(void *self, const char *device_id, ls_capability_profile_t *out);
  /** Profile number `id` (user or built-in). Returns 0 and fills out, or -1. */
  int (*profile_by_id)(void *self, uint32_t id, ls_capability_profile_t *out);
  /** The system options. Returns 0 and fills out, or -1 on a bad `out`. */
  int (*system_options)(void *self, ls_system_options_t *out);
} ls_capabilities_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_PROVIDERS_CAPABILITIES_H */
