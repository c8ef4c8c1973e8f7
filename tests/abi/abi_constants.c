/* abi_constants.c: the pinned values of every ABI constant (versions, verdicts, log levels,
 * transports, config types and flags, hooks, events, registration changes, request fields,
 * provider names) and the behaviour of LS_HAS_FIELD. Values are append-only. */
#include "abi_check.h"

/** LS_HAS_FIELD sees a field only when the struct's size covers all of it. */
static void check_has_field(void) {
  ls_host_t host;
  memset(&host, 0, sizeof host);
  host.size = (uint32_t)sizeof host;
  abi_expect_size("LS_HAS_FIELD(full host, now_mono_ms)",
                  (unsigned long)LS_HAS_FIELD(&host, ls_host_t, now_mono_ms), 1ul);
  host.size = (uint32_t)offsetof(ls_host_t, now_mono_ms);
  abi_expect_size("LS_HAS_FIELD(host cut before now_mono_ms, now_mono_ms)",
                  (unsigned long)LS_HAS_FIELD(&host, ls_host_t, now_mono_ms), 0ul);
  abi_expect_size("LS_HAS_FIELD(host cut before now_mono_ms, now_unix)",
                  (unsigned long)LS_HAS_FIELD(&host, ls_host_t, now_unix), 1ul);
  {
    const ls_host_t *none = NULL;
    abi_expect_size("LS_HAS_FIELD(NULL, log)", (unsigned long)LS_HAS_FIELD(none, ls_host_t, log), 0ul);
  }
}

/** Check every constant; failures are counted in abi_failures. */
void abi_check_constants(void) {
  CONSTANT(LS_ABI_MAJOR, 1, 4);
  CONSTANT(LS_ABI_MINOR, 1, 4);
  TEXT(LS_ENTRY_SYMBOL, "lineside_module_v1");
  CONSTANT(LS_VERDICT_CONTINUE, 0, 4);
  CONSTANT(LS_VERDICT_STOP, 1, 4);
  CONSTANT(LS_VERDICT_ASYNC, 2, 4);
  CONSTANT(LS_VERDICT_ERROR, 3, 4);
  CONSTANT(LS_LOG_ERROR, 0, 4);
  CONSTANT(LS_LOG_WARNING, 1, 4);
  CONSTANT(LS_LOG_NOTICE, 2, 4);
  CONSTANT(LS_LOG_INFO, 3, 4);
  CONSTANT(LS_LOG_DEBUG, 4, 4);
  CONSTANT(LS_TRANSPORT_UNKNOWN, 0, 4);
  CONSTANT(LS_TRANSPORT_UDP, 1, 4);
  CONSTANT(LS_TRANSPORT_TCP, 2, 4);
  CONSTANT(LS_TRANSPORT_TLS, 3, 4);
  CONSTANT(LS_CFG_STRING, 1, 4);
  CONSTANT(LS_CFG_INT, 2, 4);
  CONSTANT(LS_CFG_BOOL, 3, 4);
  CONSTANT(LS_CFG_DURATION, 4, 4);
  CONSTANT(LS_CFG_ENUM, 5, 4);
  CONSTANT(LS_CFG_STRING_LIST, 6, 4);
  CONSTANT(LS_CFG_MAP_LIST, 7, 4);
  CONSTANT(LS_CFG_MAP, 8, 4);
  CONSTANT(LS_CFG_PATH, 9, 4);
  CONSTANT(LS_CFG_REQUIRED, 1, 4);
  CONSTANT(LS_CFG_SECRET, 2, 4);
  CONSTANT(LS_EVENT_REGISTRATION, 1, 4);
  CONSTANT(LS_EVENT_FLOW_CLOSED, 2, 4);
  CONSTANT(LS_EVENT_DEVICE_CHANGED, 3, 4);
  CONSTANT(LS_DEVICE_ADDED, 1, 4);
  CONSTANT(LS_DEVICE_UPDATED, 2, 4);
  CONSTANT(LS_DEVICE_REMOVED, 3, 4);
  CONSTANT(LS_SERVICE_FULL, 1, 4);
  CONSTANT(LS_SERVICE_BASIC, 2, 4);
  CONSTANT(LS_USER_PROFILE_MAX, 64, 4);
  CONSTANT(LS_BUILTIN_PROFILE_BASE, 101, 4);
  CONSTANT(LS_CALL_PARK_SYSTEM, 0, 4);
  CONSTANT(LS_CALL_PARK_REFER, 1, 4);
  CONSTANT(LS_CALL_PARK_NONE, 2, 4);
  CONSTANT(LS_REG_BOUND, 1, 4);
  CONSTANT(LS_REG_REFRESHED, 2, 4);
  CONSTANT(LS_REG_EXPIRED, 3, 4);
  CONSTANT(LS_REG_REMOVED, 4, 4);
  CONSTANT(LS_REG_RESTORED, 5, 4);
  CONSTANT(LS_HOOK_REQUEST_RECEIVED, 1, 4);
  CONSTANT(LS_HOOK_AUTHENTICATE, 2, 4);
  CONSTANT(LS_HOOK_REQUEST, 3, 4);
  CONSTANT(LS_FIELD_METHOD, 1, 4);
  CONSTANT(LS_FIELD_REQUEST_URI, 2, 4);
  CONSTANT(LS_FIELD_REQUEST_URI_USER, 3, 4);
  CONSTANT(LS_FIELD_REQUEST_URI_HOST, 4, 4);
  CONSTANT(LS_FIELD_FROM_URI, 5, 4);
  CONSTANT(LS_FIELD_FROM_USER, 6, 4);
  CONSTANT(LS_FIELD_FROM_TAG, 7, 4);
  CONSTANT(LS_FIELD_TO_URI, 8, 4);
  CONSTANT(LS_FIELD_TO_USER, 9, 4);
  CONSTANT(LS_FIELD_TO_TAG, 10, 4);
  CONSTANT(LS_FIELD_CALL_ID, 11, 4);
  CONSTANT(LS_FIELD_CSEQ, 12, 4);
  CONSTANT(LS_FIELD_USER_AGENT, 13, 4);
  CONSTANT(LS_FIELD_TO_HOST, 14, 4);
  CONSTANT(LS_FIELD_FROM_DISPLAY, 15, 4);
  TEXT(LS_DIRECTORY_PROVIDER, "lineside.directory");
  CONSTANT(LS_DIRECTORY_VERSION, 1, 4);
  TEXT(LS_LOCATION_PROVIDER, "lineside.location");
  CONSTANT(LS_LOCATION_VERSION, 1, 4);
  TEXT(LS_CAPABILITIES_PROVIDER, "lineside.capabilities");
  CONSTANT(LS_CAPABILITIES_VERSION, 1, 4);
  check_has_field();
  CONSTANT(LS_EVENT_CALL, 4u, 4);
  CONSTANT(LS_CALL_ATTEMPT, 1u, 4);
  CONSTANT(LS_CALL_RINGING, 2u, 4);
  CONSTANT(LS_CALL_ANSWERED, 3u, 4);
  CONSTANT(LS_CALL_TRANSFERRED, 4u, 4);
  CONSTANT(LS_CALL_ENDED, 5u, 4);
  CONSTANT(LS_CALL_BY_NONE, 0u, 4);
  CONSTANT(LS_CALL_BY_CALLER, 1u, 4);
  CONSTANT(LS_CALL_BY_CALLEE, 2u, 4);
  CONSTANT(LS_CALL_BY_SYSTEM, 3u, 4);
  CONSTANT(LS_HOOK_ROUTE, 4u, 4);
  CONSTANT(LS_HOOK_SDP, 5u, 4);
  CONSTANT(LS_HOOK_IN_DIALOG, 6u, 4);
  CONSTANT(LS_SDP_OFFER, 1u, 4);
  CONSTANT(LS_SDP_ANSWER, 2u, 4);
  CONSTANT(LS_LEG_CALLER, 1u, 4);
  CONSTANT(LS_LEG_CALLEE, 2u, 4);
  TEXT(LS_KPML_PROVIDER, "lineside.kpml");
  CONSTANT(LS_KPML_VERSION, 1u, 4);
  CONSTANT(LS_KPML_MATCHED, 200u, 4);
  CONSTANT(LS_KPML_TIMER_EXPIRED, 423u, 4);
  CONSTANT(LS_KPML_UNREACHABLE, 480u, 4);
  CONSTANT(LS_KPML_DIALOG_NOT_FOUND, 481u, 4);
  CONSTANT(LS_KPML_SUBSCRIPTION_ENDED, 487u, 4);
  CONSTANT(LS_KPML_NOT_SUPPORTED, 489u, 4);
  CONSTANT(LS_KPML_BAD_DOCUMENT, 501u, 4);
}
