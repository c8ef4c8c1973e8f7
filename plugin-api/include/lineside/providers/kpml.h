/* lineside/providers/kpml.h: collecting the digits a user presses on a phone during a call by a
 * KPML subscription (RFC 4730), lineside.kpml/1, offered by the kpml module. */
#ifndef LINESIDE_PROVIDERS_KPML_H
#define LINESIDE_PROVIDERS_KPML_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LS_KPML_PROVIDER "lineside.kpml"
#define LS_KPML_VERSION 1u

/**
 * ls_kpml_result_t.code values. 200 is the only success. The others are the phone's KPML report
 * codes (RFC 4730) or the SIP status the phone refused the subscription with; a code not listed
 * here is such a SIP status (408: the phone never answered) and is a failure too.
 */
#define LS_KPML_MATCHED 200u            /**< the digits pressed matched the pattern */
#define LS_KPML_UNREACHABLE 480u        /**< the device has no registered contact the server may use */
#define LS_KPML_DIALOG_NOT_FOUND 481u   /**< the phone does not know the dialog the request named */
#define LS_KPML_TIMER_EXPIRED 423u      /**< no match within the collection's timeout */
#define LS_KPML_SUBSCRIPTION_ENDED 487u /**< the phone ended the subscription without a match */
#define LS_KPML_NOT_SUPPORTED 489u      /**< the phone does not offer the kpml event package */
#define LS_KPML_BAD_DOCUMENT 501u       /**< the phone refused the KPML request document */

/**
 * One digit collection request.
 * OWNERSHIP: caller; the provider copies what it keeps before collect_digits returns.
 * THREAD: SIP thread.
 */
typedef struct ls_kpml_collect {
  uint32_t size;                 /**< sizeof(ls_kpml_collect_t) */
  uint32_t timeout_ms;           /**< give up (LS_KPML_TIMER_EXPIRED) after this long; 0 = the
                                      module's default; the module caps it at its maximum */
  const char *device_id;         /**< the phone to collect from (a provisioned device id) */
  const char *pattern;           /**< KPML regex (RFC 4730: digits 0-9 * # A-D, x for any digit,
                                      [..] sets, {m,n} repeats, | alternatives), e.g. "x{4}#" */
  const char *dialog_call_id;    /**< the call dialog to monitor, as the phone sees it (Call-ID), or
                                      NULL: keys pressed on the phone regardless of dialog */
  const char *dialog_local_tag;  /**< the phone's tag in that dialog (NULL with dialog_call_id NULL) */
  const char *dialog_remote_tag; /**< the server's tag in that dialog (NULL with dialog_call_id NULL) */
} ls_kpml_collect_t;

/**
 * The outcome of one collection.
 * OWNERSHIP: provider; strings are borrowed. LIFETIME: the callback (copy what you keep).
 * THREAD: SIP thread.
 */
typedef struct ls_kpml_result {
  uint32_t size;       /**< sizeof(ls_kpml_result_t) */
  uint32_t code;       /**< LS_KPML_* (200 = digits matched) */
  uint64_t collection; /**< the id collect_digits returned */
  const char *digits;  /**< the digits the phone reported ("" when none) */
  const char *text;    /**< a short reason ("Success", "Timer Expired", the phone's phrase) */
} ls_kpml_result_t;

/** A collection's completion: called exactly once per collection that was not cancelled (the
 *  module cancels what still runs when the server stops), never from inside collect_digits.
 *  THREAD: SIP thread. */
typedef void (*ls_kpml_result_fn)(void *arg, const ls_kpml_result_t *result);

/**
 * lineside.kpml/1 function table.
 * OWNERSHIP: the kpml module (static storage). LIFETIME: process. THREAD: SIP thread.
 */
typedef struct ls_kpml_v1 {
  uint32_t size; /**< sizeof(ls_kpml_v1_t) */
  uint32_t reserved0;
  /**
   * Subscribe to the device's kpml events and report the first match of `pattern` through `done`.
   * Returns the collection id (> 0), or 0 with nothing started and `done` never called: a malformed
   * request or pattern, an unknown device, a device without a usable registered contact, too many
   * collections running, or a request the stack refused to send.
   */
  uint64_t (*collect_digits)(void *self, const ls_kpml_collect_t *request, ls_kpml_result_fn done,
                             void *arg);
  /**
   * Stop a collection: the subscription is ended and `done` is not called. Returns 0, or -1 when
   * the collection is unknown or already finished.
   */
  int (*cancel)(void *self, uint64_t collection);
} ls_kpml_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_PROVIDERS_KPML_H */
