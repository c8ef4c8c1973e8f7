// config/schema_check.hpp: checking that a module's declared config schema is well-formed.
#pragma once

#include <cstdint>
#include <string>

#include "lineside/config_schema.h"

namespace lineside::kernel {

/**
 * "" when the schema is usable, else what is wrong with it (the module loader refuses the module):
 * an entry size smaller than ls_config_field_t or differing within one array, a missing key or one
 * not matching [a-z0-9_]+, duplicate keys, an unknown type or flag, REQUIRED with a default, MAP or
 * MAP_LIST without children, nesting deeper than 16 levels, ENUM without choices (or with an empty
 * or repeated one), and a default_value that does not parse as a value of its field.
 */
std::string check_schema(const ls_config_field_t *fields, uint32_t count);

} // namespace lineside::kernel
