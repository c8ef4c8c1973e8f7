// transfer/transfer_settings.hpp: the transfer module's config schema and its validated settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"

namespace lineside::transfer {

struct TransferSettings {
  std::vector<std::string> local_domains;  ///< extra hosts a Refer-To may name (lower-case)
  uint32_t recent_transfers = 50;          ///< outcomes kept for GET /api/v1/transfers
  bool same_phone_replaces = true;         ///< attended: the replaced dialog must be the referrer's
};

/// The schema of modules.transfer.config.
const ls_config_field_t *transfer_config_fields();
uint32_t transfer_config_field_count();

/// Read a validated node; a host name that is not a plain host is reported with
/// host.config_error and nothing is returned.
std::optional<TransferSettings> read_transfer_settings(const Host &host, const Config &node);

}  // namespace lineside::transfer
