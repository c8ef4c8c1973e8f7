// mwi/mwi_settings.cpp: the mwi module's config schema, reading and cross-key checks.
#include "mwi_settings.hpp"

namespace lineside::mwi {
namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kOneDayMs = 24LL * 3600 * 1000;

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "min_expires", "60s",
     "shortest non-zero subscription accepted; shorter ones get 423 with Min-Expires", 0, 0,
     kSecondMs, kOneDayMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "default_expires", "3600s",
     "subscription length when the SUBSCRIBE has no Expires header", 0, 0, kSecondMs, kOneDayMs,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "max_expires", "7200s",
     "longer requested subscriptions are granted this (the 200 states it)", 0, 0, kSecondMs,
     kOneDayMs, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_subscriptions", "10000",
     "most subscriptions in total; beyond it a SUBSCRIBE gets 503", 0, 0, 1, 1000000, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_subscriptions_per_device", "10",
     "most subscriptions of one device; a new one beyond it ends the device's oldest", 0, 0, 1, 100,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "max_mailboxes", "100000",
     "most mailboxes with a stored state; setting one more is refused (409)", 0, 0, 1, 10000000,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "notify_on_register", "true",
     "send the current state to a phone each time it registers or re-registers", 0, 0, 0, 0,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "unsolicited", "[]",
     "device ids that get unsolicited NOTIFYs at their registered contacts, or 'all'", 0, 0, 0, 0,
     nullptr, nullptr},
};

std::string seconds_text(int64_t seconds) {
  return std::to_string(seconds) + "s";
}

}  // namespace

const ls_config_field_t *mwi_config_fields() {
  return kFields;
}
uint32_t mwi_config_field_count() {
  return count_of(kFields);
}

std::optional<MwiSettings> read_mwi_settings(const Host &host, const Config &node) {
  MwiSettings s;
  s.min_expires = node.duration_ms("min_expires").value_or(s.min_expires * kSecondMs) / kSecondMs;
  s.default_expires =
      node.duration_ms("default_expires").value_or(s.default_expires * kSecondMs) / kSecondMs;
  s.max_expires = node.duration_ms("max_expires").value_or(s.max_expires * kSecondMs) / kSecondMs;
  s.max_subscriptions =
      static_cast<uint32_t>(node.integer("max_subscriptions").value_or(s.max_subscriptions));
  s.max_subscriptions_per_device = static_cast<uint32_t>(
      node.integer("max_subscriptions_per_device").value_or(s.max_subscriptions_per_device));
  s.max_mailboxes = static_cast<uint32_t>(node.integer("max_mailboxes").value_or(s.max_mailboxes));
  s.notify_on_register = node.boolean("notify_on_register").value_or(true);

  bool ok = true;
  for (const std::string &id : node.strings("unsolicited")) {
    if (id == "all") {
      s.unsolicited_all = true;
    } else if (id.empty()) {
      host.config_error(node, "unsolicited", "a device id may not be empty");
      ok = false;
    } else {
      s.unsolicited_devices.insert(id);
    }
  }
  if (s.unsolicited_all && !s.unsolicited_devices.empty()) {
    host.config_error(node, "unsolicited",
                      "'all' already covers every device: list no device ids with it");
    ok = false;
  }
  if (s.min_expires < 1) {
    host.config_error(node, "min_expires", "must be at least 1s");
    ok = false;
  }
  if (s.min_expires > s.default_expires) {
    host.config_error(node, "min_expires",
                      "min_expires (" + seconds_text(s.min_expires) +
                          ") must not exceed default_expires (" + seconds_text(s.default_expires) +
                          ")");
    ok = false;
  }
  if (s.default_expires > s.max_expires) {
    host.config_error(node, "default_expires",
                      "default_expires (" + seconds_text(s.default_expires) +
                          ") must not exceed max_expires (" + seconds_text(s.max_expires) + ")");
    ok = false;
  }
  if (s.max_subscriptions_per_device > s.max_subscriptions) {
    host.config_error(
        node, "max_subscriptions_per_device",
        "must not exceed max_subscriptions (" + std::to_string(s.max_subscriptions) + ")");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::mwi
