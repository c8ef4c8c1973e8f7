// registrar/registrar_settings.hpp: the registrar's config schema and its validated settings.
#pragma once

#include <cstdint>
#include <optional>

#include "lineside/plugin.hpp"

namespace lineside::registrar {

/// Validated registrar settings, durations in whole seconds.
struct RegistrarSettings {
  int64_t min_expires = 60;       ///< shortest non-zero expiry accepted (else 423)
  int64_t default_expires = 3600; ///< expiry when neither the contact nor Expires gives one
  int64_t max_expires = 7200;     ///< longer expiries are clamped to this
  uint32_t max_contacts = 10;     ///< bindings per AoR
  bool replace_oldest = false;    ///< max_contacts_policy: replace_oldest (else reject with 403)
};

/// The schema of modules.registrar.config.
const ls_config_field_t *registrar_config_fields();
uint32_t registrar_config_field_count();

/// Read `node` (already schema-validated, defaults filled) and check the cross-key rule
/// min_expires <= default_expires <= max_expires. Problems are reported with host.config_error on
/// the offending key; returns nothing then.
std::optional<RegistrarSettings> read_registrar_settings(const Host &host, const Config &node);

}  // namespace lineside::registrar
