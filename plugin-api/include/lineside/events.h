/* lineside/events.h: observer events (ids and payloads) and how a module declares an observer. */
#ifndef LINESIDE_EVENTS_H
#define LINESIDE_EVENTS_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Event ids. Observers can never block or alter what they observe. Append-only.
 * LS_EVENT_REGISTRATION: a binding changed (payload ls_registration_event_t); emitted by the
 *   module that provides lineside.location/1.
 * LS_EVENT_FLOW_CLOSED: a TCP/TLS connection the host tracked has closed (payload ls_flow_event_t);
 *   emitted by the host.
 * LS_EVENT_DEVICE_CHANGED: a provisioned device was added, changed or deleted (payload
 *   ls_device_event_t); emitted by the host once the change is committed to the store and visible
 *   through lineside.directory/1. A registrar drops the bindings of a deleted device.
 */
#define LS_EVENT_REGISTRATION 1u
#define LS_EVENT_FLOW_CLOSED 2u
#define LS_EVENT_DEVICE_CHANGED 3u

/** ls_registration_event_t.change values. */
#define LS_REG_BOUND 1u     /**< a new contact was bound */
#define LS_REG_REFRESHED 2u /**< an existing contact re-registered */
#define LS_REG_EXPIRED 3u   /**< a contact's expiry passed */
#define LS_REG_REMOVED 4u   /**< un-registered (expires=0, '*', device deleted) */
#define LS_REG_RESTORED 5u  /**< re-created from the store after a restart */

/**
 * Payload of LS_EVENT_REGISTRATION.
 * OWNERSHIP: emitter; strings are borrowed. LIFETIME: the observer call. THREAD: SIP thread.
 */
typedef struct ls_registration_event {
  uint32_t size;            /**< sizeof(ls_registration_event_t) */
  uint32_t change;          /**< LS_REG_* */
  const char *aor;          /**< "sip:1001@pbx.test" */
  const char *device_id;    /**< directory device id */
  const char *contact_uri;  /**< the bound Contact URI */
  int64_t expires_at;       /**< UNIX seconds; 0 for EXPIRED/REMOVED */
  uint32_t transport;       /**< LS_TRANSPORT_* the binding was made over */
  uint32_t reserved0;       /**< zero */
  ls_flow_id_t flow;        /**< connection the phone registered over; 0 when awaiting reconnect */
  const char *source_addr;  /**< where the REGISTER came from (received) */
  uint32_t source_port;     /**< its port (rport) */
  uint32_t reserved1;       /**< zero */
  const char *user_agent;   /**< User-Agent header, or NULL */
} ls_registration_event_t;

/**
 * Payload of LS_EVENT_FLOW_CLOSED.
 * OWNERSHIP: host. LIFETIME: the observer call. THREAD: SIP thread.
 */
typedef struct ls_flow_event {
  uint32_t size;           /**< sizeof(ls_flow_event_t) */
  uint32_t transport;      /**< LS_TRANSPORT_TCP or LS_TRANSPORT_TLS */
  ls_flow_id_t flow;       /**< the id that is no longer usable */
  const char *remote_addr; /**< peer address */
  uint32_t remote_port;    /**< peer port */
  uint32_t reserved0;      /**< zero */
} ls_flow_event_t;

/** ls_device_event_t.change values. */
#define LS_DEVICE_ADDED 1u   /**< a new device exists */
#define LS_DEVICE_UPDATED 2u /**< an existing device changed (its SIP user may have changed) */
#define LS_DEVICE_REMOVED 3u /**< the device was deleted: drop its bindings and state */

/**
 * Payload of LS_EVENT_DEVICE_CHANGED. For LS_DEVICE_UPDATED, user and dn are the new values and
 * old_user the SIP user before the change (equal to user when it did not change).
 * OWNERSHIP: host; strings are borrowed. LIFETIME: the observer call. THREAD: SIP thread.
 */
typedef struct ls_device_event {
  uint32_t size;         /**< sizeof(ls_device_event_t) */
  uint32_t change;       /**< LS_DEVICE_* */
  const char *device_id; /**< directory device id */
  const char *user;      /**< SIP user name (for REMOVED: the user it had) */
  const char *dn;        /**< main DN (for REMOVED: the DN it had) */
  const char *old_user;  /**< SIP user before the change */
} ls_device_event_t;

/**
 * An observer function. `payload` points at the event's struct (check its size field).
 * THREAD: SIP thread; must not block. Return value: none; failures are the observer's own.
 */
typedef void (*ls_observer_fn)(void *instance, uint32_t event_id, const void *payload);

/**
 * An observer a module declares in its descriptor.
 * OWNERSHIP: module (static storage). LIFETIME: the module's life. THREAD: read at load.
 */
typedef struct ls_observer_decl {
  uint32_t size;     /**< sizeof(ls_observer_decl_t) */
  uint32_t event_id; /**< LS_EVENT_* */
  ls_observer_fn fn; /**< the function */
} ls_observer_decl_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_EVENTS_H */
