/* lineside/module.h: the module descriptor and the one entry symbol a module exports. */
#ifndef LINESIDE_MODULE_H
#define LINESIDE_MODULE_H

#include "lineside/abi.h"
#include "lineside/config_schema.h"
#include "lineside/events.h"
#include "lineside/hooks.h"
#include "lineside/host.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A provider a module offers (it must call host->provider_register for it during init).
 * OWNERSHIP: module (static). LIFETIME: the module's life. THREAD: read at load.
 */
typedef struct ls_provider_decl {
  uint32_t size;    /**< sizeof(ls_provider_decl_t) */
  uint32_t version; /**< provider major version ("lineside.location/1" -> 1) */
  const char *name; /**< "lineside.location" */
} ls_provider_decl_t;

/**
 * A provider a module needs. The host orders module initialisation so that providers come first;
 * a missing required provider is a load-time error naming the provider and the module.
 * OWNERSHIP: module (static). LIFETIME: the module's life. THREAD: read at load.
 */
typedef struct ls_requirement {
  uint32_t size;     /**< sizeof(ls_requirement_t) */
  uint32_t version;  /**< provider major version */
  const char *name;  /**< provider name */
  uint32_t optional; /**< 1: start without it (provider_get then returns NULL) */
  uint32_t reserved0;
} ls_requirement_t;

/**
 * The descriptor returned by the entry symbol.
 * OWNERSHIP: module (static storage). LIFETIME: the process (modules are never unloaded).
 * THREAD: the host calls init, start, stop and reconfigure_* on the SIP thread.
 */
typedef struct ls_module_descriptor {
  uint32_t size;           /**< sizeof(ls_module_descriptor_t) */
  uint32_t abi_major;      /**< LS_ABI_MAJOR the module was built against */
  uint32_t abi_minor;      /**< LS_ABI_MINOR the module was built against */
  uint32_t reserved0;      /**< zero */
  const char *name;        /**< module name, [a-z0-9_-]+, the key under `modules:` in YAML */
  const char *version;     /**< the module's own version text */
  const char *summary;     /**< one line for --describe-module */

  const ls_config_field_t *config_fields; /**< schema of `config:` (may be NULL) */
  uint32_t config_field_count;
  uint32_t hook_count;
  const ls_hook_decl_t *hooks;            /**< decision hooks (may be NULL) */
  const ls_observer_decl_t *observers;    /**< observers (may be NULL) */
  uint32_t observer_count;
  uint32_t provide_count;
  const ls_provider_decl_t *provides;     /**< providers offered (may be NULL) */
  const ls_requirement_t *requirements; /**< providers needed (may be NULL) */
  uint32_t requirement_count;
  uint32_t reserved1;

  /**
   * Create the instance. `ctx` is this module's host context, valid for the process life.
   * Returns 0 and sets *instance, or non-zero with a reason in err (the module is then disabled,
   * or start-up aborts if the module is `required: true`).
   */
  int (*init)(const ls_host_t *host, ls_module_ctx_t *ctx, void **instance, char *err,
              size_t errlen);
  /** After every module's init, before SIP traffic. Returns 0, or non-zero with err like init. */
  int (*start)(void *instance, char *err, size_t errlen);
  /** Graceful stop (SIGTERM), before the host closes transports and the store. May be NULL. */
  void (*stop)(void *instance);
  /**
   * SIGHUP reload, phase 1: can the module take `new_config`? Returns 0, or non-zero with a
   * reason (reported via host->config_error or err). NULL: the module cannot reload; a reload
   * that changes its config is refused as a whole.
   */
  int (*reconfigure_check)(void *instance, const ls_config_t *new_config, char *err,
                           size_t errlen);
  /** Phase 2: apply a config that passed check. Must not fail. */
  void (*reconfigure_apply)(void *instance, const ls_config_t *new_config);
  /**
   * Free the instance: once, at process exit, after stop() and while every host service still
   * works (the shared object itself stays loaded). May be NULL.
   */
  void (*destroy)(void *instance);
} ls_module_descriptor_t;

/** Signature of the entry symbol lineside_module_v1. */
typedef const ls_module_descriptor_t *(*ls_module_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_MODULE_H */
