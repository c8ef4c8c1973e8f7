/* lineside/host.h: the host service table a module receives at init (every service it may use). */
#ifndef LINESIDE_HOST_H
#define LINESIDE_HOST_H

#include "lineside/abi.h"
#include "lineside/call.h"
#include "lineside/sip.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Timer callback. THREAD: SIP thread. */
typedef void (*ls_timer_fn)(void *arg, ls_timer_id_t id);
/** Store completion: status 0 = committed durably, -1 = failed. THREAD: SIP thread. */
typedef void (*ls_store_done_fn)(void *arg, int status);
/** Store visitor: return 0 to go on, non-zero to stop. Borrowed bytes valid during the call. */
typedef int (*ls_store_visit_fn)(void *arg, const char *key, const void *value, size_t len);
/** Blocking work. THREAD: a worker thread; must not call the host. */
typedef void (*ls_work_fn)(void *arg);
/** Completion of blocking work. THREAD: SIP thread. */
typedef void (*ls_work_done_fn)(void *arg);

/**
 * A listener asked for by host->transport_listen(). OWNERSHIP: caller; the host copies.
 * For TLS, cert_file and key_file are PEM files (they may be the same file); ca_file is optional.
 */
typedef struct ls_listener {
  uint32_t size;           /**< sizeof(ls_listener_t) */
  uint32_t transport;      /**< LS_TRANSPORT_UDP / TCP / TLS */
  const char *address;     /**< numeric address or "*" ("127.0.0.1", "::1") */
  uint32_t port;           /**< port (0 = the transport's default) */
  uint32_t tls_min_version;/**< 0x0303 = TLS 1.2, 0x0304 = TLS 1.3; below 0x0303 is refused */
  const char *cert_file;   /**< TLS: PEM certificate chain */
  const char *key_file;    /**< TLS: PEM private key */
  const char *ca_file;     /**< TLS: PEM CA bundle, or NULL */
} ls_listener_t;

/** An admin API request (JSON over HTTP). OWNERSHIP: host. LIFETIME: the handler call. */
typedef struct ls_admin_request {
  uint32_t size;     /**< sizeof(ls_admin_request_t) */
  uint32_t reserved0;
  const char *method;/**< "GET", "PUT", "POST", "DELETE" */
  const char *path;  /**< full path ("/api/v1/registrations/1001") */
  const char *query; /**< query string without '?', or "" */
  const char *body;  /**< request body, or "" */
  size_t body_len;   /**< body length */
} ls_admin_request_t;

/** Opaque reply an admin handler fills with host->admin_reply(). LIFETIME: the handler call. */
typedef struct ls_admin_reply ls_admin_reply_t;

/**
 * An admin route handler. THREAD: SIP thread (the host bridges the HTTP thread to it), must not
 * block. The host has already checked the bearer token.
 */
typedef void (*ls_admin_fn)(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply);

/**
 * The host service table.
 * OWNERSHIP: host. LIFETIME: from init to process exit. THREAD: every function is for the SIP
 * thread (where every module callback runs) unless its doc says otherwise.
 * Append-only: check LS_HAS_FIELD(host, ls_host_t, fn) before using a function from a later minor.
 */
typedef struct ls_host {
  uint32_t size;      /**< sizeof(ls_host_t) as the host was built */
  uint32_t abi_major; /**< LS_ABI_MAJOR of the host */
  uint32_t abi_minor; /**< LS_ABI_MINOR of the host */
  uint32_t reserved0; /**< zero */

  /* ---- logging (any thread) ---- */
  /** Log one line under the module's name. Never log secrets (keys, passwords, HA1). */
  void (*log)(ls_module_ctx_t *ctx, uint32_t level, const char *message);

  /* ---- configuration (any thread; read-only) ---- */
  /** The module's validated `config:` map, defaults filled in. LIFETIME: see ls_config_t. */
  const ls_config_t *(*config_root)(ls_module_ctx_t *ctx);
  /** Read a STRING, ENUM or PATH (resolved) key. Returns 0, or -1 if absent/other type. */
  int (*config_string)(const ls_config_t *node, const char *key, const char **out);
  /** Read an INT key. Returns 0 or -1. */
  int (*config_int)(const ls_config_t *node, const char *key, int64_t *out);
  /** Read a BOOL key (stored 0/1). Returns 0 or -1. */
  int (*config_bool)(const ls_config_t *node, const char *key, int *out);
  /** Read a DURATION key in milliseconds. Returns 0 or -1. */
  int (*config_duration_ms)(const ls_config_t *node, const char *key, int64_t *out);
  /** Number of items of a STRING_LIST or MAP_LIST key (0 when absent). */
  uint32_t (*config_list_size)(const ls_config_t *node, const char *key);
  /** Item i of a STRING_LIST key, or NULL. */
  const char *(*config_list_string)(const ls_config_t *node, const char *key, uint32_t i);
  /** Item i of a MAP_LIST key, or the MAP itself for a MAP key (i = 0); NULL if absent. */
  const ls_config_t *(*config_child)(const ls_config_t *node, const char *key, uint32_t i);
  /**
   * Report a semantic config error found by the module (a certificate that does not exist, say).
   * The host prints `file:line:column: modules.NAME.config.KEY: message` for `key` of `node`
   * (or the node itself when key is NULL). The module then fails init / reconfigure_check.
   */
  void (*config_error)(ls_module_ctx_t *ctx, const ls_config_t *node, const char *key,
                       const char *message);

  /* ---- requests (SIP thread) ---- */
  /** A field of the request (LS_FIELD_*), or NULL. The string lives as long as the request. */
  const char *(*request_field)(ls_request_t *req, uint32_t field);
  /** The index-th value of header `name` (case-insensitive, compact forms accepted) as text, or NULL. */
  const char *(*request_header)(ls_request_t *req, const char *name, uint32_t index);
  /** Number of Contact entries (a header with two URIs counts two). */
  uint32_t (*request_contact_count)(ls_request_t *req);
  /** Fill `out` (out->size set by caller) with Contact entry i. Returns 0 or -1. */
  int (*request_contact)(ls_request_t *req, uint32_t i, ls_contact_t *out);
  /** Fill `out` (out->size set by caller) with where the request came from. Returns 0 or -1. */
  int (*request_peer)(ls_request_t *req, ls_peer_t *out);
  /** The body (NULL/0 when none). */
  int (*request_body)(ls_request_t *req, const char **data, size_t *len, const char **content_type);
  /**
   * Attach a string attribute to the request for later hooks (copied). Keys are namespaced by
   * convention: "auth.user", "auth.device_id". Returns 0 or -1.
   */
  int (*request_set_attr)(ls_request_t *req, const char *key, const char *value);
  /** Read an attribute set by an earlier hook, or NULL. */
  const char *(*request_get_attr)(ls_request_t *req, const char *key);
  /**
   * Send a final or provisional response. Returns 0, or -1 if the request was already answered
   * finally or the response is malformed. A final response ends the transaction for modules.
   * status 0 means "drop silently": no response is sent and retransmissions are absorbed (used
   * to starve a flooding source); the hook then returns STOP.
   */
  int (*respond)(ls_request_t *req, const ls_response_t *response);
  /** Keep the request beyond this hook call; return ASYNC from the hook next. */
  ls_token_t (*request_suspend)(ls_request_t *req);
  /** The suspended request, or NULL when it no longer exists (timed out, host stopping). */
  ls_request_t *(*request_from_token)(ls_module_ctx_t *ctx, ls_token_t token);
  /**
   * Resume a suspended request's hook chain with a verdict: CONTINUE runs the next hook; STOP
   * ends it (the module has responded); ERROR applies the hook point's failure policy.
   * Exactly once per token; later calls are ignored.
   */
  void (*request_resume)(ls_module_ctx_t *ctx, ls_token_t token, uint32_t verdict);

  /* ---- timers (SIP thread) ---- */
  /** Run fn after delay_ms, then every interval_ms if non-zero. Returns the id, 0 on failure. */
  ls_timer_id_t (*timer_start)(ls_module_ctx_t *ctx, uint64_t delay_ms, uint64_t interval_ms,
                               ls_timer_fn fn, void *arg);
  /** Cancel a timer; unknown or finished ids are ignored. */
  void (*timer_cancel)(ls_module_ctx_t *ctx, ls_timer_id_t id);

  /* ---- durable store (namespaced by module; SIP thread) ---- */
  /**
   * Insert or replace (table, key) -> value. `done` runs on the SIP thread once the write is
   * committed durably (group commit batches many writes in one transaction). Returns 0 if queued.
   */
  int (*store_put)(ls_module_ctx_t *ctx, const char *table, const char *key, const void *value,
                   size_t len, ls_store_done_fn done, void *arg);
  /** Delete (table, key); `done` as for store_put (status 0 also when the key did not exist). */
  int (*store_delete)(ls_module_ctx_t *ctx, const char *table, const char *key,
                      ls_store_done_fn done, void *arg);
  /**
   * Visit every record of `table` synchronously (reads the committed state; blocks while it
   * reads, so call it from init/start or worker code, not per request). Returns records visited
   * or -1.
   */
  int64_t (*store_scan)(ls_module_ctx_t *ctx, const char *table, ls_store_visit_fn visit,
                        void *arg);

  /* ---- providers ---- */
  /**
   * Offer a provider declared in the descriptor. `table` is the provider's function table (its
   * struct is defined in a lineside/providers/ header); `self` is passed back to its functions.
   * Call from init. OWNERSHIP: module; must live until exit. Returns 0 or -1.
   */
  int (*provider_register)(ls_module_ctx_t *ctx, const char *name, uint32_t version,
                           const void *table, void *self);
  /** Look a provider up (from init on, for providers of modules loaded earlier and the host's). */
  const void *(*provider_get)(ls_module_ctx_t *ctx, const char *name, uint32_t version,
                              void **self);

  /* ---- events ---- */
  /** Deliver an event to every observer of event_id, synchronously, in load order. */
  void (*event_emit)(ls_module_ctx_t *ctx, uint32_t event_id, const void *payload);

  /* ---- metrics (any thread) ---- */
  /** Add delta to the counter "lineside_<module>_<name>". */
  void (*metric_add)(ls_module_ctx_t *ctx, const char *name, int64_t delta);
  /** Set the gauge "lineside_<module>_<name>". */
  void (*metric_set)(ls_module_ctx_t *ctx, const char *name, int64_t value);

  /* ---- blocking work ---- */
  /** Run work on a worker thread, then done on the SIP thread. Returns 0 if queued. */
  int (*worker_submit)(ls_module_ctx_t *ctx, ls_work_fn work, ls_work_done_fn done, void *arg);

  /* ---- transports ---- */
  /**
   * Open a SIP listener (call from init or start). On failure returns -1 and writes a clear
   * reason into err ("cannot read certificate /x.pem: No such file or directory").
   */
  int (*transport_listen)(ls_module_ctx_t *ctx, const ls_listener_t *spec, char *err,
                          size_t errlen);
  /** 1 when the connection of `flow` is still open (UDP flows are always open), else 0. */
  int (*flow_is_open)(ls_module_ctx_t *ctx, ls_flow_id_t flow);

  /* ---- admin API ---- */
  /**
   * Serve `method` requests whose path starts with `path_prefix` ("/api/v1/registrations").
   * Call from init. Returns 0, or -1 when the prefix is taken.
   */
  int (*admin_route)(ls_module_ctx_t *ctx, const char *method, const char *path_prefix,
                     ls_admin_fn fn, void *arg);
  /** Set the reply of an admin request (copied). content_type NULL = application/json. */
  void (*admin_reply)(ls_admin_reply_t *reply, uint32_t status, const char *content_type,
                      const char *body, size_t len);

  /* ---- identity ---- */
  /** The SIP domain / digest realm this server serves ("pbx.test"). Any thread. */
  const char *(*sip_domain)(ls_module_ctx_t *ctx);
  /** Wall clock, UNIX seconds. Any thread. */
  int64_t (*now_unix)(ls_module_ctx_t *ctx);
  /** Monotonic clock in milliseconds. Any thread. */
  int64_t (*now_mono_ms)(ls_module_ctx_t *ctx);

  /* ---- calls (see lineside/call.h) ---- */
  /**
   * From an LS_HOOK_ROUTE hook: ring these targets instead of the default routing (copied), then
   * return STOP. Returns 0, or -1 when `req` is not an INVITE at its route hook or a target has no
   * uri.
   */
  int (*call_route_to)(ls_request_t *req, const ls_route_target_t *targets, uint32_t count);
  /** From an LS_HOOK_SDP hook: replace the body (copied); later hooks and the receiver see it. */
  int (*sdp_replace)(ls_sdp_edit_t *edit, const char *body, size_t len);
  /** From an LS_HOOK_SDP hook that will return STOP: the status the offer is refused with
   *  (400..699; 488 Not Acceptable Here when never called). Returns 0 or -1. */
  int (*sdp_reject)(ls_sdp_edit_t *edit, uint32_t status);

  /* ---- call control and requests of our own ---- */
  /**
   * End call `call_id` on both sides: BYE the answered legs, CANCEL what still rings, answer an
   * unanswered caller 480 (or 503 for cause 38/41). The BYEs carry "Reason: Q.850;cause=N;text=..."
   * with `q850_cause` (16 when 0) and `reason` (NULL = none; keep it short, never a secret).
   * Returns 0, or -1 when no such call. The call's ENDED event follows with ended_by SYSTEM.
   */
  int (*call_end)(ls_module_ctx_t *ctx, uint64_t call_id, uint32_t q850_cause, const char *reason);
  /**
   * Send a request as a UAC (see ls_outgoing_request_t); `done` gets the final outcome once (may be
   * NULL). Returns 0 when sent, -1 (nothing sent, done not called, the reason logged) on a bad
   * request: missing method/request_uri/to, an unparsable URI or header line, a method the host
   * keeps for itself (INVITE, ACK, CANCEL, BYE, PRACK, REGISTER), or a `flow` whose connection is
   * closed. Keep a NOTIFY's dialog (tags, CSeq) yourself.
   */
  int (*request_send)(ls_module_ctx_t *ctx, const ls_outgoing_request_t *req,
                      ls_request_done_fn done, void *arg);
  /**
   * Transfer a call (see ls_transfer_t in call.h). Returns 0 when started (`done` follows once,
   * possibly before this returns for an immediate failure), or -1 (nothing done, done not called)
   * when the call does not exist, is not connected, already has a transfer in progress, or the
   * request is malformed. Call it after answering the REFER (202), so NOTIFYs follow the 202.
   */
  int (*call_transfer)(ls_module_ctx_t *ctx, const ls_transfer_t *transfer, ls_transfer_done_fn done,
                       void *arg);
  /**
   * Find the call one of whose dialogs is (sip_call_id, local_tag = our tag, remote_tag = the
   * phone's tag) — the Replaces header's call-id, to-tag and from-tag (RFC 3891). Returns 0 and sets
   * *call_id and *side (LS_LEG_*, the side that dialog serves), or -1 when no connected call has it.
   */
  int (*call_find_dialog)(ls_module_ctx_t *ctx, const char *sip_call_id, const char *local_tag,
                          const char *remote_tag, uint64_t *call_id, uint32_t *side);
} ls_host_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_HOST_H */
