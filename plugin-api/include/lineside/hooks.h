/* lineside/hooks.h: decision hook points, their failure policies, and how a module declares a hook. */
#ifndef LINESIDE_HOOKS_H
#define LINESIDE_HOOKS_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Hook points, in the order the host runs them for one request outside a dialog.
 * Each chain runs its hooks by ascending priority (ties: module load order).
 *
 * LS_HOOK_REQUEST_RECEIVED: every request, any method, before anything else (source policy,
 *   flood throttling). Failure policy: an ERROR is logged and the chain continues.
 * LS_HOOK_AUTHENTICATE: requests outside a dialog. A hook either CONTINUEs (not its business, or
 *   the credentials are good: it may annotate the request, see request_set_attr) or STOPs after
 *   sending a challenge or a refusal. Failure policy: fail closed, the host answers
 *   500 and ends processing (emergency calls, a later hook point, are exempt).
 * LS_HOOK_REQUEST: per-method handling (REGISTER, SUBSCRIBE, MESSAGE, ...), filtered by the hook's
 *   `methods`. Failure policy: an ERROR is logged and the chain continues; when no hook STOPs,
 *   the host answers itself (OPTIONS 200, otherwise 405/501).
 *
 * Values are append-only; a module declaring an id the host does not know fails to load with a
 * clear error.
 */
#define LS_HOOK_REQUEST_RECEIVED 1u
#define LS_HOOK_AUTHENTICATE 2u
#define LS_HOOK_REQUEST 3u

/**
 * Arguments of one hook call.
 * OWNERSHIP: host. LIFETIME: the duration of the call. THREAD: SIP thread.
 */
typedef struct ls_hook_args {
  uint32_t size;         /**< sizeof(ls_hook_args_t) as the host knows it */
  uint32_t hook_id;      /**< LS_HOOK_* being run */
  ls_request_t *request; /**< the request (all hook points above) */
  void *payload;         /**< hook-specific payload struct for later hook points, else NULL */
} ls_hook_args_t;

/**
 * A hook function. Returns an LS_VERDICT_*.
 * THREAD: SIP thread; must not block (hand blocking work to host->worker_submit and return ASYNC).
 * `instance` is what the module's init returned.
 */
typedef uint32_t (*ls_hook_fn)(void *instance, const ls_hook_args_t *args);

/**
 * A hook a module declares in its descriptor.
 * OWNERSHIP: module (static storage). LIFETIME: the module's life. THREAD: read at load.
 * The priority can be overridden in YAML: modules.NAME.hooks.HOOKNAME.priority.
 */
typedef struct ls_hook_decl {
  uint32_t size;       /**< sizeof(ls_hook_decl_t) */
  uint32_t hook_id;    /**< LS_HOOK_* */
  const char *name;    /**< unique within the module, [a-z0-9_]+, used for YAML overrides */
  int32_t priority;    /**< lower runs first; conventional band 0..1000, 500 = default */
  const char *methods; /**< comma-separated SIP methods ("REGISTER,SUBSCRIBE"), or NULL for all */
  ls_hook_fn fn;       /**< the function */
} ls_hook_decl_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_HOOKS_H */
