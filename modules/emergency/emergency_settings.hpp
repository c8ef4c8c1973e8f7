// emergency/emergency_settings.hpp: the emergency module's config schema and its checked settings.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gateway_uri.hpp"
#include "http_url.hpp"
#include "lineside/plugin.hpp"
#include "webhook_sender.hpp"

namespace lineside::emergency {

struct EmergencyGateway {
  routes::GatewayUri uri;
  uint32_t trunk_number = 0;
  std::string trunk_name;
};

struct EmergencySettings {
  std::vector<EmergencyGateway> gateways;       ///< failover order
  bool signal_privacy = true;                   ///< hide the CESID from From for private callers
  std::map<std::string, std::string> outpulse;  ///< dialled -> digits sent ("9911" -> "911")
  std::string identity_domain;                  ///< host of P-Asserted-Identity ("" = SIP domain)
  std::vector<HttpUrl> webhooks;
  WebhookPolicy webhook_policy;
  std::string front_desk;  ///< DN told by SIP MESSAGE, "" = none

  /// The digits sent to the gateways for `dialled`.
  [[nodiscard]] std::string digits_for(const std::string &dialled) const;
};

const ls_config_field_t *emergency_config_fields();
uint32_t emergency_config_field_count();

/// Read and check `config`; each broken rule is reported with host.config_error, then nothing.
std::optional<EmergencySettings> read_emergency_settings(const Host &host, const Config &config);

}  // namespace lineside::emergency
