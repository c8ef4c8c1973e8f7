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

/**
 * A provisioned device as modules see it. Credentials are HA1 values only, never passwords.
 * OWNERSHIP: host; strings are borrowed. LIFETIME: until the SIP thread returns to its event
 * loop (a directory reload may replace them): copy what you keep. THREAD: SIP thread.
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
  const char *device_type;  /**< "generic-sip" or a model name */
} ls_device_info_t;

/**
 * lineside.directory/1 function table.
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
} ls_directory_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_PROVIDERS_DIRECTORY_H */
