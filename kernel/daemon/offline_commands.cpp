// daemon/offline_commands.cpp: --check-config, --describe-module and --version.
#include "daemon/offline_commands.hpp"

#include <iostream>

#include "config/directory_file.hpp"
#include "config/load_config.hpp"
#include "daemon/daemon.hpp"
#include "host/event_bus.hpp"
#include "host/hook_chains.hpp"
#include "host/host_services.hpp"
#include "host/module_loader.hpp"
#include "host/module_set.hpp"
#include "host/providers.hpp"
#include "lineside/abi.h"
#include "lineside/providers/capabilities.h"
#include "lineside/providers/directory.h"

#ifndef LINESIDE_VERSION
#define LINESIDE_VERSION "0.0.0"
#endif

namespace lineside::kernel {

int version_command() {
  std::cout << "lineside " << LINESIDE_VERSION << " (plugin ABI " << LS_ABI_MAJOR << "."
            << LS_ABI_MINOR << ")\n";
  return 0;
}

int check_config_command(const CommandLine &cl) {
  LoadedConfig cfg;
  try {
    cfg = load_config(cl.config_path, LoadOptions{cl.state_dir});
  } catch (const ConfigException &e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  int status = 0;
  try {
    load_directory_file(cfg.kernel.directory_file);
  } catch (const ConfigException &e) {
    std::cerr << e.what() << "\n";
    status = 2;
  }
  HostServices services;
  ProviderRegistry providers;
  HookChains chains;
  EventBus events;
  ModuleSet modules(services, providers, chains, events);
  std::vector<ModuleEntry> enabled;
  for (const auto &m : cfg.modules) {
    if (m.enabled) enabled.push_back(m);
  }
  modules.open_all(enabled, module_search_dirs(cl, &cfg.kernel));
  modules.check_requirements({ProviderRegistry::key(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
                              ProviderRegistry::key(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION)});
  for (const auto &e : modules.fatal_errors()) {
    std::cerr << e << "\n";
    status = 2;
  }
  if (status == 0) std::cout << cl.config_path << ": OK\n";
  return status;
}

int describe_module_command(const CommandLine &cl) {
  ModuleRecord record;
  const std::string &name = cl.module_name;
  if (name.find('/') != std::string::npos) {
    record.path = name;
    const std::string base = name.substr(name.rfind('/') + 1);
    record.name = base.size() > 3 && base.ends_with(".so") ? base.substr(0, base.size() - 3) : base;
  } else {
    record.name = name;
  }
  const std::string err = open_module(record, module_search_dirs(cl, nullptr));
  if (!err.empty()) {
    std::cerr << err << "\n";
    return 1;
  }
  std::cout << describe_module(record);
  return 0;
}

}  // namespace lineside::kernel
