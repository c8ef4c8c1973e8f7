// config/load_config.hpp: loading lineside.yaml plus its conf.d fragments into kernel settings and module entries.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.hpp"
#include "config/config_tree.hpp"
#include "config/kernel_settings.hpp"
#include "config/module_entry.hpp"
#include "config/yaml_source.hpp"

namespace lineside::kernel {

struct LoadOptions {
  std::optional<std::string> state_dir_override; ///< --state-dir; wins over kernel.state_dir
};

struct LoadedConfig {
  std::string main_file;                   ///< as given
  std::vector<std::string> fragment_files; ///< conf.d/NAME.yaml files merged in, in name order
  KernelSettings kernel;
  std::shared_ptr<const ls_config> kernel_tree; ///< the validated `kernel:` map (for error_at)
  std::vector<ModuleEntry> modules;        ///< in file order (main file, then fragments' new ones)
  std::shared_ptr<const NodeOrigins> origins; ///< files of merged fragment nodes (shared by the entries)
};

/**
 * Read `path`, then every conf.d/NAME.yaml next to it in name order, deep-merging each fragment's
 * `kernel:` and `modules:` into the main document; validate `kernel:` against kernel_schema() and
 * parse `modules:`. Throws ConfigException with every error found (an unreadable main file or broken
 * YAML in it stops there; errors in fragments name the fragment).
 */
LoadedConfig load_config(const std::string &path, const LoadOptions &opts);

} // namespace lineside::kernel
