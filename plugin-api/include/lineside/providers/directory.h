/* lineside/providers/directory.h: the directory (lineside.directory/1): devices and credentials. */
#ifndef LINESIDE_PROVIDERS_DIRECTORY_H
#define LINESIDE_PROVIDERS_DIRECTORY_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Provided by the host itself (the directory is kernel-owned). */
#define LS_DIRECTORY_PROVIDER "lineside.directory"
#define LS_DIRECTORY_VERSION 1u

/** ls_device_info_t.service_level values. Append-only. */
#define LS_SERVICE_FULL 1u  /**< Full service (the only level a Single Line Phone may have) */
#define LS_SERVICE_BASIC 2u /**< Basic service */

/**
 * A provisioned device as modules see it. Credentials are HA1 values only, never passwords.
 * Fields after device_type were appended: check LS_HAS_FIELD before reading them.
 * OWNERSHIP: host; strings are borrowed. LIFETIME: until the SIP thread returns to its event
 * loop (a provisioning change may replace them): copy what you keep. THREAD: SIP thread.
 */
typedef struct ls_device_info {
  uint32_t size;            /**< set by the caller to sizeof(ls_device_info_t) */
  uint32_t auth_enabled;    /**< 1: challenge this device's requests */
  const char *device_id;    /**< stable id ("dev-1001") */
  const char *user;         /**< SIP user name (AoR user part and digest username) */
  const char *dn;           /**< main directory number */
  const char *display_name; /**< display name, or "" */
  const char *realm;        /**< digest realm the HA1 values were computed for */
  const char *ha1_md5;      /**< hex MD5(user:realm:password), or "" when unknown */
  const char *ha1_sha256;   /**< hex SHA-256(user:realm:password), or "" when unknown */
  const char *device_type;  /**< "generic-sip" or a model name ("5505", "5604", ...) */
  uint32_t service_level;   /**< LS_SERVICE_FULL or LS_SERVICE_BASIC */
  uint32_t single_line;     /**< 1: configured as a Single Line Phone (one line, no keys) */
  uint32_t profile_id;      /**< SIP Device Capabilities profile (lineside.capabilities/1) */
  uint32_t additional_dn_count; /**< line DNs besides dn; read them with device_additional_dn */
  const char *cesid;        /**< emergency CESID of this device, or "" (use the system default) */
  const char *voicemail_box; /**< voicemail box number for MWI, or "" */
  uint32_t hot_desk;        /**< 1: hot-desk user (reserved: nothing acts on it yet) */
  uint32_t forward_no_answer_timeout_s; /**< ring time before forward_no_answer applies */
  const char *forward_always;    /**< call forward always target DN, or "" */
  const char *forward_busy;      /**< call forward busy target DN, or "" */
  const char *forward_no_answer; /**< call forward no answer target DN, or "" */
} ls_device_info_t;

/**
 * lineside.directory/1 function table. Every function pointer is set by the host; a table from
 * an older host may be shorter: check LS_HAS_FIELD before calling an appended function.
 * OWNERSHIP: host. LIFETIME: process. THREAD: SIP thread.
 */
typedef struct ls_directory_v1 {
  uint32_t size; /**< sizeof(ls_directory_v1_t) */
  uint32_t reserved0;
  /** Find the device whose SIP user name is `user`. Returns 0 and fills out, or -1. */
  int (*device_by_user)(void *self, const char *user, ls_device_info_t *out);
  /** Find the device whose main DN is `dn`. Returns 0 and fills out, or -1. */
  int (*device_by_dn)(void *self, const char *dn, ls_device_info_t *out);
  /** Number of provisioned devices. */
  uint64_t (*device_count)(void *self);
  /**
   * The index-th additional line DN (0 .. additional_dn_count-1) of device `device_id`.
   * Returns 0 and sets *out_dn (borrowed, same LIFETIME as ls_device_info_t strings), or -1 when
   * the device or the index does not exist.
   */
  int (*device_additional_dn)(void *self, const char *device_id, uint32_t index, const char **out_dn);
  /**
   * Find the device a call to `dn` is delivered to: the device whose main DN or one of whose
   * additional line DNs is `dn`. Returns 0 and fills out, or -1.
   */
  int (*device_by_line_dn)(void *self, const char *dn, ls_device_info_t *out);
} ls_directory_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_PROVIDERS_DIRECTORY_H */
