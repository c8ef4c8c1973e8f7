/* lineside/abi.h: ABI version numbers, export macro, verdicts and the basic opaque types. */
#ifndef LINESIDE_ABI_H
#define LINESIDE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * ABI versions.
 * LS_ABI_MAJOR is part of the entry symbol name (lineside_module_v1); a new major is a new symbol.
 * LS_ABI_MINOR grows when fields or functions are appended. The host loads a module only when
 * module.abi_minor <= host.abi_minor; a module built against an older minor must check
 * LS_HAS_FIELD() before using a function appended later.
 * Minor 1: ls_sdp_args_t.from_transport.
 */
#define LS_ABI_MAJOR 1
#define LS_ABI_MINOR 1

/** Name of the one symbol a module exports (see lineside/module.h). */
#define LS_ENTRY_SYMBOL "lineside_module_v1"

/** Visibility for the entry symbol; modules build with -fvisibility=hidden. */
#if defined(__GNUC__)
#define LS_MODULE_EXPORT __attribute__((visibility("default")))
#else
#define LS_MODULE_EXPORT
#endif

/**
 * True when a size-first struct pointed to by P is large enough to contain FIELD.
 * Use it on every host table or payload struct before reading a field appended in a later minor.
 */
#define LS_HAS_FIELD(P, TYPE, FIELD) \
  ((P) != NULL && (P)->size >= offsetof(TYPE, FIELD) + sizeof(((TYPE *)0)->FIELD))

/**
 * Verdicts returned by hooks (uint32_t on the wire).
 * CONTINUE: not handled here, run the next hook in the chain.
 * STOP:     handled: a response was sent or the request was taken; the chain ends.
 * ASYNC:    the module called host->request_suspend() and will call host->request_resume() later.
 * ERROR:    the module failed; the host logs it and applies the hook point's failure policy
 *           (see lineside/hooks.h). A C++ exception escaping plugin.hpp becomes ERROR.
 * Unknown values are treated as ERROR.
 */
#define LS_VERDICT_CONTINUE 0u
#define LS_VERDICT_STOP 1u
#define LS_VERDICT_ASYNC 2u
#define LS_VERDICT_ERROR 3u

/** Log levels for host->log(). */
#define LS_LOG_ERROR 0u
#define LS_LOG_WARNING 1u
#define LS_LOG_NOTICE 2u
#define LS_LOG_INFO 3u
#define LS_LOG_DEBUG 4u

/** Transports (ls_peer_t.transport, ls_listener_t.transport). */
#define LS_TRANSPORT_UNKNOWN 0u
#define LS_TRANSPORT_UDP 1u
#define LS_TRANSPORT_TCP 2u
#define LS_TRANSPORT_TLS 3u

/**
 * Opaque handle to one module instance's view of the host. Passed to init; every host call takes it.
 * OWNERSHIP: host. LIFETIME: from init until process exit (modules are never unloaded).
 * THREAD: use only on the SIP thread unless a host function says otherwise.
 */
typedef struct ls_module_ctx ls_module_ctx_t;

/**
 * Opaque handle to an incoming SIP request being processed.
 * OWNERSHIP: host. LIFETIME: valid during the hook call that received it; after
 * host->request_suspend() it stays valid until host->request_resume() for that token, but a module
 * must fetch it again with host->request_from_token() (NULL once the transaction is gone).
 * THREAD: SIP thread only.
 */
typedef struct ls_request ls_request_t;

/**
 * Opaque handle to a validated configuration node (a map), defaults already filled in.
 * OWNERSHIP: host. LIFETIME: until the module's config is replaced by a successful reload
 * (reconfigure_apply returns) or process exit. THREAD: any thread (read-only).
 */
typedef struct ls_config ls_config_t;

/** Resume token for an ASYNC request: generation-checked, never reused in one process. */
typedef uint64_t ls_token_t;

/** Timer id from host->timer_start(); 0 is never a valid id. */
typedef uint64_t ls_timer_id_t;

/**
 * Flow id: one connection (TCP/TLS) or one UDP listener+remote address pair the host knows.
 * Generation-checked: a closed connection's id never comes back. 0 means "no flow".
 */
typedef uint64_t ls_flow_id_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_ABI_H */
