// config/schema_describe.hpp: human-readable text of a config schema for `lineside --describe-module`.
#pragma once

#include <cstdint>
#include <string>

#include "lineside/config_schema.h"

namespace lineside::kernel {

/**
 * One line per key, `key (type, required, secret, default X, between A and B)`, its doc on the next
 * line indented by four more spaces, and MAP / MAP_LIST children indented by two. Defaults of SECRET
 * keys are not printed. A malformed schema gives "invalid schema: <what check_schema() says>".
 */
std::string describe_schema(const ls_config_field_t *fields, uint32_t count);

} // namespace lineside::kernel
