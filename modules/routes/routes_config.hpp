// routes/routes_config.hpp: the routes module's config schema and reading its YAML routes.
#pragma once

#include <optional>
#include <vector>

#include "lineside/plugin.hpp"
#include "route_spec.hpp"

namespace lineside::routes {

const ls_config_field_t *routes_config_fields();
uint32_t routes_config_field_count();

/// The routes of `config` (the module's config root), checked. Each broken rule is reported with
/// host.config_error at its key; then nothing is returned.
std::optional<std::vector<Route>> read_config_routes(const Host &host, const Config &config);

}  // namespace lineside::routes
