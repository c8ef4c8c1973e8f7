// transport/transport_config.hpp: the transport module's config schema and its rate_limit
// settings.
#pragma once

#include <optional>

#include "lineside/plugin.hpp"
#include "rate_limiter.hpp"

namespace lineside::transport {

/// The schema of modules.transport.config (listeners, rate_limit).
const ls_config_field_t *transport_config_fields();
uint32_t transport_config_field_count();

/// Read `rate_limit` of the module config `root` (absent keys take their defaults). Problems are
/// reported with host.config_error; returns nothing then.
std::optional<RateLimitSettings> read_rate_limit(const Host &host, const Config &root);

}  // namespace lineside::transport
