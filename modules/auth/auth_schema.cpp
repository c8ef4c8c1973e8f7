// auth/auth_schema.cpp: config schema tables (keys, types, defaults, ranges, docs).
#include "auth_schema.hpp"

#include "auth_settings.hpp"
#include "lineside/plugin.hpp"

namespace lineside::auth {
namespace {

constexpr ls_config_field_t field(uint32_t type, const char *key, const char *default_value,
                                  const char *doc, int64_t min = 0, int64_t max = 0,
                                  const char *choices = nullptr) {
  return ls_config_field_t{sizeof(ls_config_field_t), type, key, default_value, doc, 0, 0,
                           min, max, choices, nullptr};
}

const ls_config_field_t kThrottleFields[] = {
    field(LS_CFG_INT, "failures", "10",
          "failed authentications from one source address that start a block",
          kMinThrottleFailures, kMaxThrottleFailures),
    field(LS_CFG_DURATION, "window", "60s", "sliding window the failures are counted in",
          kMinThrottleWindowMs, kMaxThrottleWindowMs),
    field(LS_CFG_DURATION, "block_for", "300s", "how long a blocked source stays blocked",
          kMinBlockMs, kMaxBlockMs),
    field(LS_CFG_ENUM, "action", "drop",
          "what a blocked source gets: drop (no answer at all) or forbidden (403)", 0, 0,
          "drop|forbidden"),
};

constexpr ls_config_field_t throttle_field() {
  ls_config_field_t f = field(LS_CFG_MAP, "throttle", nullptr,
                              "brute-force protection per source address");
  f.child_count = count_of(kThrottleFields);
  f.children = kThrottleFields;
  return f;
}

const ls_config_field_t kFields[] = {
    field(LS_CFG_STRING_LIST, "algorithms", "[SHA-256, MD5]",
          "digest algorithms offered, one challenge each, in this order (MD5, SHA-256)"),
    field(LS_CFG_STRING_LIST, "methods", "[REGISTER, INVITE, SUBSCRIBE]",
          "request methods challenged outside a dialog (never ACK or CANCEL)"),
    field(LS_CFG_DURATION, "nonce_lifetime", "300s",
          "how long a nonce is good for; older ones get a stale=true challenge",
          kMinNonceLifetimeMs, kMaxNonceLifetimeMs),
    field(LS_CFG_BOOL, "verify_uri", "true",
          "require the digest uri to match the Request-URI (400 otherwise)"),
    throttle_field(),
};

}  // namespace

const ls_config_field_t *auth_config_fields() { return kFields; }
uint32_t auth_config_field_count() { return count_of(kFields); }

}  // namespace lineside::auth
