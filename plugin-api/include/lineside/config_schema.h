/* lineside/config_schema.h: how a module declares the schema of its YAML `config:` subtree. */
#ifndef LINESIDE_CONFIG_SCHEMA_H
#define LINESIDE_CONFIG_SCHEMA_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Field types (ls_config_field_t.type). Unknown types make the host refuse the module. */
#define LS_CFG_STRING 1u      /**< scalar text */
#define LS_CFG_INT 2u         /**< signed 64-bit integer; min/max apply when min < max */
#define LS_CFG_BOOL 3u        /**< true/false/yes/no */
#define LS_CFG_DURATION 4u    /**< "250ms", "30s", "5m", "2h", "1d" or a bare number of seconds; read in ms */
#define LS_CFG_ENUM 5u        /**< one of `choices` ("udp|tcp|tls") */
#define LS_CFG_STRING_LIST 6u /**< a YAML sequence of scalars (a lone scalar is accepted as one item) */
#define LS_CFG_MAP_LIST 7u    /**< a YAML sequence of maps, each validated against `children` */
#define LS_CFG_MAP 8u         /**< a nested map validated against `children` */
#define LS_CFG_PATH 9u        /**< a file path; relative paths are resolved against the config file's folder */

/** Flags (ls_config_field_t.flags). */
#define LS_CFG_REQUIRED 1u /**< must be present (a default makes no sense) */
#define LS_CFG_SECRET 2u   /**< never printed by --describe-module values or logs */

/**
 * One key of a module's config schema. The host validates the YAML subtree against the array of
 * these before the module sees it: unknown keys, wrong types, out-of-range values and missing
 * required keys are reported as `file:line:column: modules.NAME.config.KEY: what is wrong`.
 * OWNERSHIP: module (static storage). LIFETIME: the module's whole life. THREAD: read by the host
 * on the main thread at load and at reload.
 */
typedef struct ls_config_field {
  uint32_t size;             /**< sizeof(ls_config_field_t) */
  uint32_t type;             /**< LS_CFG_* */
  const char *key;           /**< map key, [a-z0-9_]+ */
  const char *default_value; /**< YAML text of the default, or NULL (absent unless REQUIRED) */
  const char *doc;           /**< one-line description, printed by --describe-module */
  uint32_t flags;            /**< LS_CFG_REQUIRED | LS_CFG_SECRET */
  uint32_t child_count;      /**< entries in children (MAP and MAP_LIST) */
  int64_t min;               /**< INT: minimum; DURATION: minimum in ms (used when min < max) */
  int64_t max;               /**< INT: maximum; DURATION: maximum in ms */
  const char *choices;       /**< ENUM: allowed values separated by '|' */
  const struct ls_config_field *children; /**< MAP / MAP_LIST item schema, else NULL */
} ls_config_field_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_CONFIG_SCHEMA_H */
