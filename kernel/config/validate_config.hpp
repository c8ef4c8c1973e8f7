// config/validate_config.hpp: validating a YAML map against an ls_config_field_t schema into an ls_config tree.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"
#include "config/config_tree.hpp"
#include "config/yaml_source.hpp"
#include "lineside/config_schema.h"

namespace lineside::kernel {

/// Where a subtree being validated sits, so errors and paths come out right.
struct ValidationContext {
  std::string key_prefix; ///< dotted path of the map (`modules.auth.config`); "" for a file's root
  std::string file;       ///< file the map came from (unless `origins` says otherwise)
  std::string state_dir;  ///< expansion of ${state_dir} in PATH values; "" where it is not available
  SourcePos position;     ///< where to report about the map itself when the node is absent or null
  std::shared_ptr<const NodeOrigins> origins; ///< files of nodes merged in from conf.d, may be null
};

/**
 * Validate `node` (a map; an absent or null node counts as an empty map) against `count` fields.
 * Appends every problem to `errors`: unknown keys (with a suggestion), duplicate keys, wrong types,
 * out-of-range values, missing required keys, and a malformed schema (see check_schema()).
 * Absent keys with a default_value are filled in (the default is YAML text parsed by the same
 * rules); an absent MAP without a default is filled with its children's defaults unless one of its
 * children is required. PATH values get ${state_dir} expanded and are resolved against the folder of
 * the file they came from (defaults: the file of the map they fill).
 * Returns the tree, or nullptr when this call appended errors.
 */
std::shared_ptr<const ls_config> validate_config(const YAML::Node &node, const ls_config_field_t *fields,
                                                 uint32_t count, const ValidationContext &ctx,
                                                 std::vector<ConfigError> &errors);

} // namespace lineside::kernel
