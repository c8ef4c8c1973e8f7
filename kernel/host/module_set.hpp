// host/module_set.hpp: the enabled modules as a whole: load order by providers, init and start
// with the required/optional failure policy, hook chains and observers, graceful stop.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/module_entry.hpp"
#include "host/event_bus.hpp"
#include "host/hook_chains.hpp"
#include "host/module_record.hpp"
#include "host/providers.hpp"

namespace lineside::kernel {

struct HostServices;

/// Owns every ModuleRecord. Start-up errors that must abort are collected in fatal_errors().
class ModuleSet {
 public:
  ModuleSet(HostServices &services, ProviderRegistry &providers, HookChains &chains, EventBus &events)
      : services_(services), providers_(providers), chains_(chains), events_(events) {}

  /// Open every module and validate its config (no init): enough for --check-config.
  void open_all(const std::vector<ModuleEntry> &enabled, const std::vector<std::string> &dirs);
  /// --check-config: every required provider is declared by an opened module or is one of
  /// `host_providers` ("name/version"); missing ones become fatal errors.
  void check_requirements(const std::vector<std::string> &host_providers);
  /// Order by providers, init, build hook chains and observers, start.
  void init_and_start();
  /// stop() every active module in reverse load order.
  void stop_all();
  /// destroy() every initialised instance in reverse load order (process exit).
  void destroy_all();

  [[nodiscard]] const std::vector<std::string> &fatal_errors() const { return fatal_; }
  [[nodiscard]] const std::vector<std::unique_ptr<ModuleRecord>> &records() const { return records_; }
  [[nodiscard]] ModuleRecord *find(const std::string &name) const;

 private:
  void fail(ModuleRecord &record, const std::string &why, bool config_error = false);
  void order_by_providers();
  bool requirements_met(ModuleRecord &record);

  HostServices &services_;
  ProviderRegistry &providers_;
  HookChains &chains_;
  EventBus &events_;
  std::vector<std::unique_ptr<ModuleRecord>> records_;  ///< load order once ordered
  std::vector<ModuleRecord *> failed_;
  std::vector<std::string> fatal_;
};

}  // namespace lineside::kernel
