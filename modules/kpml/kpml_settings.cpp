// kpml/kpml_settings.cpp: the kpml module's config schema and reading.
#include "kpml_settings.hpp"

#include <arpa/inet.h>

namespace lineside::kpml {
namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kHourMs = 3600 * kSecondMs;

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "default_timeout", "30s",
     "how long a collection waits for a match when its requester gives no timeout", 0, 0, kSecondMs,
     kHourMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "max_timeout", "300s",
     "the longest a collection (or an application's kpml subscription) may last", 0, 0, kSecondMs,
     kHourMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_collections", "100",
     "collections running at once; more are refused", 0, 0, 1, 10000, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "keep_finished", "100",
     "finished collections kept for GET /api/v1/kpml/collections", 0, 0, 0, 10000, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "trusted_sources", nullptr,
     "numeric addresses of applications allowed to SUBSCRIBE to kpml without digest "
     "authentication (others must authenticate as a provisioned device)",
     0, 0, 0, 0, nullptr, nullptr},
};

bool numeric_address(const std::string &s) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

}  // namespace

const ls_config_field_t *kpml_config_fields() {
  return kFields;
}
uint32_t kpml_config_field_count() {
  return count_of(kFields);
}

std::optional<KpmlSettings> read_kpml_settings(const Host &host, const Config &node) {
  KpmlSettings s;
  s.default_timeout_ms = node.duration_ms("default_timeout").value_or(s.default_timeout_ms);
  s.max_timeout_ms = node.duration_ms("max_timeout").value_or(s.max_timeout_ms);
  s.max_collections = static_cast<uint32_t>(node.integer("max_collections").value_or(100));
  s.keep_finished = static_cast<uint32_t>(node.integer("keep_finished").value_or(100));
  bool ok = true;
  if (s.default_timeout_ms > s.max_timeout_ms) {
    host.config_error(node, "default_timeout", "must not exceed max_timeout");
    ok = false;
  }
  for (const std::string &source : node.strings("trusted_sources")) {
    if (!numeric_address(source)) {
      host.config_error(node, "trusted_sources", "'" + source + "' is not a numeric IP address");
      ok = false;
      continue;
    }
    s.trusted_sources.push_back(source);
  }
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::kpml
