/* lineside/providers/location.h: the location service (lineside.location/1) a registrar provides. */
#ifndef LINESIDE_PROVIDERS_LOCATION_H
#define LINESIDE_PROVIDERS_LOCATION_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LS_LOCATION_PROVIDER "lineside.location"
#define LS_LOCATION_VERSION 1u

/**
 * One binding (AoR -> contact).
 * OWNERSHIP: provider; strings are borrowed. LIFETIME: the visitor call. THREAD: SIP thread.
 */
typedef struct ls_binding {
  uint32_t size;               /**< sizeof(ls_binding_t) */
  uint32_t transport;          /**< LS_TRANSPORT_* */
  const char *aor;             /**< "sip:1001@pbx.test" */
  const char *user;            /**< AoR user part ("1001") */
  const char *device_id;       /**< directory device id */
  const char *contact_uri;     /**< the registered Contact URI */
  int64_t expires_at;          /**< UNIX seconds */
  ls_flow_id_t flow;           /**< connection to send over; 0 = none open */
  const char *source_addr;     /**< received address */
  uint32_t source_port;        /**< rport */
  uint32_t awaiting_reconnect; /**< 1: TCP/TLS binding restored or whose connection closed; the
                                    server must not dial it, the phone reconnects */
  const char *path;            /**< Path header values joined by ", ", or NULL */
  const char *instance;        /**< +sip.instance, or NULL */
  const char *user_agent;      /**< User-Agent at registration, or NULL */
  int32_t q_milli;             /**< q x 1000, -1 when absent */
  uint32_t reserved0;          /**< zero */
} ls_binding_t;

/** Visitor: return 0 to go on, non-zero to stop. */
typedef int (*ls_binding_visit_fn)(void *arg, const ls_binding_t *binding);

/**
 * lineside.location/1 function table.
 * OWNERSHIP: provider (static or instance storage). LIFETIME: process. THREAD: SIP thread.
 */
typedef struct ls_location_v1 {
  uint32_t size; /**< sizeof(ls_location_v1_t) */
  uint32_t reserved0;
  /** Visit the live bindings of AoR user `user`; returns how many were visited. */
  uint32_t (*lookup)(void *self, const char *user, ls_binding_visit_fn visit, void *arg);
  /** Visit every live binding; returns how many were visited. */
  uint64_t (*for_each)(void *self, ls_binding_visit_fn visit, void *arg);
  /** Number of live bindings. */
  uint64_t (*count)(void *self);
} ls_location_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_PROVIDERS_LOCATION_H */
