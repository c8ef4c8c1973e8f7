// config/config_tree.hpp: the validated configuration tree behind the opaque ABI type ls_config_t.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "lineside/abi.h"

struct ls_config;

namespace lineside::kernel {

/// One typed value of a validated key. Which members are used depends on `type` (LS_CFG_*).
struct ConfigValue {
  uint32_t type = 0;
  std::string text;   ///< STRING, ENUM, PATH (expanded and resolved)
  int64_t number = 0; ///< INT, DURATION (milliseconds), BOOL (0 or 1)
  std::vector<std::string> strings;                ///< STRING_LIST items
  std::vector<std::shared_ptr<const ls_config>> maps; ///< MAP (exactly one) or MAP_LIST items
  std::vector<SourcePos> item_positions;           ///< STRING_LIST / MAP_LIST: each item's position
};

/// One key of a validated map, with where it was written (or the map's position for a default).
struct ConfigEntry {
  std::string key;
  ConfigValue value;
  SourcePos key_position;
  SourcePos value_position;
  bool from_default = false; ///< filled in from the schema's default_value
};

} // namespace lineside::kernel

/**
 * A validated configuration map (the ABI's opaque ls_config_t), defaults filled in, in schema order.
 * Immutable after validation, hence safe to read from any thread. Children are owned through
 * shared pointers, so holding the root keeps the whole tree alive.
 */
struct ls_config {
  std::string path;                   ///< dotted key path of this map (`modules.auth.config.throttle`)
  lineside::kernel::SourcePos position; ///< where the map starts (its parent's for a defaulted map)
  std::vector<lineside::kernel::ConfigEntry> entries;

  /// The entry for `key`, or nullptr when the key is absent and has no default.
  [[nodiscard]] const lineside::kernel::ConfigEntry *find(std::string_view key) const;
  /// The dotted path of one of this map's keys.
  [[nodiscard]] std::string key_path(std::string_view key) const;
};
