// config/module_entry.hpp: one entry of the `modules:` map (enabled, required, path, hook priorities, raw config).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"
#include "config/validate_config.hpp"
#include "config/yaml_source.hpp"

namespace lineside::kernel {

/// `modules.NAME`, before the module's own schema is known. The loader validates `config` with
/// validate_config(entry.config, fields, count, entry.config_context, errors) once it has dlopened it.
struct ModuleEntry {
  std::string name;     ///< [a-z0-9_-]+
  bool enabled = true;
  bool required = false;
  std::string path;     ///< explicit .so file, absolute; empty: search the module folders
  std::map<std::string, int32_t> hook_priorities;  ///< hooks.HOOK.priority overrides
  std::map<std::string, SourcePos> hook_positions; ///< where each hooks.HOOK key was written
  YAML::Node config;    ///< the raw `config:` subtree (null when absent)
  ValidationContext config_context; ///< prefix `modules.NAME.config`, its file, state dir, origins
  SourcePos position;   ///< the module's key under `modules:`
};

/// An error about the module entry itself (`modules.NAME: message`, at its key).
ConfigError module_error(const ModuleEntry &entry, const std::string &message);

/// An error about a hook override (`modules.NAME.hooks.HOOK: message`), e.g. a hook the module lacks.
ConfigError hook_error(const ModuleEntry &entry, const std::string &hook, const std::string &message);

/// True for a valid module name: [a-z0-9_-]+.
bool valid_module_name(const std::string &name);

/**
 * The entries of the `modules:` node (absent or null: none) in file order, checking names, keys
 * (enabled, required, path, hooks, config) and their types. `ctx` gives the file of `modules`
 * (unless its origins say otherwise), the state dir and the position used when `modules` is null.
 * Entries with errors are left out; the errors are appended.
 */
std::vector<ModuleEntry> parse_module_entries(const YAML::Node &modules, const ValidationContext &ctx,
                                              std::vector<ConfigError> &errors);

} // namespace lineside::kernel
