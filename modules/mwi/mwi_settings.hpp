// mwi/mwi_settings.hpp: the mwi module's configuration (schema, values, cross-key checks).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "lineside/plugin.hpp"

namespace lineside::mwi {

struct MwiSettings {
  int64_t min_expires = 60;        ///< seconds; shorter non-zero requests get 423 + Min-Expires
  int64_t default_expires = 3600;  ///< seconds, when the SUBSCRIBE has no Expires
  int64_t max_expires = 7200;      ///< seconds; longer requests are granted this
  uint32_t max_subscriptions = 10000;
  uint32_t max_subscriptions_per_device = 10;
  uint32_t max_mailboxes = 100000;
  bool notify_on_register = true;             ///< push the current state when a phone (re)registers
  bool unsolicited_all = false;               ///< `unsolicited: all`
  std::set<std::string> unsolicited_devices;  ///< device ids that get unsolicited NOTIFYs

  /// True when device `device_id` is configured for unsolicited NOTIFY.
  [[nodiscard]] bool unsolicited_for(const std::string &device_id) const {
    return unsolicited_all || unsolicited_devices.count(device_id) != 0;
  }
};

const ls_config_field_t *mwi_config_fields();
uint32_t mwi_config_field_count();

/// Read and check `node`; reports problems through host.config_error and returns nothing.
std::optional<MwiSettings> read_mwi_settings(const Host &host, const Config &node);

}  // namespace lineside::mwi
