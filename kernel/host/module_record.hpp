// host/module_record.hpp: everything the kernel holds about one loaded module.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config_error.hpp"
#include "lineside/module.h"

struct ls_config;

namespace lineside::kernel {

struct HostServices;
struct ModuleRecord;

}  // namespace lineside::kernel

/// The opaque ABI context handed to a module: which module, and the kernel services it may use.
struct ls_module_ctx {
  lineside::kernel::HostServices *services = nullptr;
  lineside::kernel::ModuleRecord *record = nullptr;
};

namespace lineside::kernel {

/// A module from dlopen to process exit (modules are never unloaded).
struct ModuleRecord {
  std::string name;
  std::string path;
  SourcePos position;  ///< where `modules.NAME` is written (for positioned errors)
  bool required = false;
  bool active = false;  ///< initialised and started; hooks and observers run only when true
  void *dl_handle = nullptr;
  const ls_module_descriptor_t *descriptor = nullptr;
  void *instance = nullptr;
  ls_module_ctx ctx;
  std::shared_ptr<const ls_config> config;
  std::vector<std::shared_ptr<const ls_config>> retired_configs;  ///< kept alive after reloads
  std::map<std::string, int32_t> hook_priorities;                  ///< YAML overrides by hook name
  std::vector<std::string> config_errors;                          ///< from host->config_error
};

}  // namespace lineside::kernel
