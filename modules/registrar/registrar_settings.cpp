// registrar/registrar_settings.cpp: the registrar's config schema, reading and cross-key checks.
#include "registrar_settings.hpp"

#include <string>

namespace lineside::registrar {
namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kThirtyDaysMs = 30LL * 24 * 3600 * 1000;

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "min_expires", "60s",
     "shortest non-zero registration accepted; shorter ones get 423 with Min-Expires", 0, 0,
     kSecondMs, kThirtyDaysMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "default_expires", "3600s",
     "expiry when neither the Contact nor the Expires header gives one", 0, 0, kSecondMs,
     kThirtyDaysMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "max_expires", "7200s",
     "longer requested expiries are shortened to this", 0, 0, kSecondMs, kThirtyDaysMs, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_contacts", "10",
     "most bindings one address-of-record may have", 0, 0, 1, 100, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "max_contacts_policy", "reject",
     "beyond max_contacts: reject (403 Too Many Contacts) or replace_oldest", 0, 0, 0, 0,
     "reject|replace_oldest", nullptr},
};

std::string seconds_text(int64_t seconds) { return std::to_string(seconds) + "s"; }

}  // namespace

const ls_config_field_t *registrar_config_fields() { return kFields; }
uint32_t registrar_config_field_count() { return count_of(kFields); }

std::optional<RegistrarSettings> read_registrar_settings(const Host &host, const Config &node) {
  RegistrarSettings s;
  s.min_expires = node.duration_ms("min_expires").value_or(s.min_expires * kSecondMs) / kSecondMs;
  s.default_expires =
      node.duration_ms("default_expires").value_or(s.default_expires * kSecondMs) / kSecondMs;
  s.max_expires = node.duration_ms("max_expires").value_or(s.max_expires * kSecondMs) / kSecondMs;
  s.max_contacts = static_cast<uint32_t>(node.integer("max_contacts").value_or(s.max_contacts));
  const std::string policy = node.string_or("max_contacts_policy", "reject");

  bool ok = true;
  if (s.min_expires < 1) {
    host.config_error(node, "min_expires", "must be at least 1s");
    ok = false;
  }
  if (s.max_contacts < 1 || s.max_contacts > 100) {
    host.config_error(node, "max_contacts", "must be between 1 and 100");
    ok = false;
  }
  if (policy == "replace_oldest") {
    s.replace_oldest = true;
  } else if (policy != "reject") {
    host.config_error(node, "max_contacts_policy", "expected reject or replace_oldest, got '" + policy + "'");
    ok = false;
  }
  if (s.min_expires > s.default_expires) {
    host.config_error(node, "min_expires",
                      "min_expires (" + seconds_text(s.min_expires) +
                          ") must not exceed default_expires (" + seconds_text(s.default_expires) + ")");
    ok = false;
  }
  if (s.default_expires > s.max_expires) {
    host.config_error(node, "default_expires",
                      "default_expires (" + seconds_text(s.default_expires) +
                          ") must not exceed max_expires (" + seconds_text(s.max_expires) + ")");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::registrar
