// kpml/kpml_settings.hpp: the kpml module's config schema and its validated settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"

namespace lineside::kpml {

struct KpmlSettings {
  int64_t default_timeout_ms = 30000;        ///< a collection without its own timeout
  int64_t max_timeout_ms = 300000;           ///< the longest collection (and app subscription)
  uint32_t max_collections = 100;            ///< collections running at once
  uint32_t keep_finished = 100;              ///< finished collections listed by the admin API
  std::vector<std::string> trusted_sources;  ///< addresses whose kpml SUBSCRIBEs need no digest
};

/// The schema of modules.kpml.config.
const ls_config_field_t *kpml_config_fields();
uint32_t kpml_config_field_count();

/// Read a validated node; a default above the maximum, or a trusted source that is not a numeric
/// address, is reported with host.config_error and nothing is returned.
std::optional<KpmlSettings> read_kpml_settings(const Host &host, const Config &node);

}  // namespace lineside::kpml
