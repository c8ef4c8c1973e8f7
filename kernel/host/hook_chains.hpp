// host/hook_chains.hpp: the ordered hook chains per hook point, built from module descriptors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "host/module_record.hpp"
#include "lineside/call.h"

namespace lineside::kernel {

/// One hook of one module in a chain.
struct HookEntry {
  ModuleRecord *module = nullptr;
  const ls_hook_decl_t *decl = nullptr;
  int32_t priority = 0;
  size_t load_order = 0;
  std::vector<std::string> methods;  ///< upper-case; empty = every method

  [[nodiscard]] bool matches(const char *method) const;
};

/// Chains for every hook point (request stages, route, SDP), sorted by priority then load order.
/// Built once at start-up; read on the SIP thread.
class HookChains {
 public:
  static constexpr uint32_t kMaxHookId = LS_HOOK_IN_DIALOG;
  /// Add every hook of `module` (priority overrides applied). Returns "" or an error.
  std::string add_module(ModuleRecord &module, size_t load_order);
  /// Sort the chains; call once after the last add_module.
  void finalise();
  [[nodiscard]] const std::vector<HookEntry> &chain(uint32_t hook_id) const;
  /// Upper-case methods that some LS_HOOK_REQUEST hook handles (for Allow).
  [[nodiscard]] std::vector<std::string> handled_methods() const;

 private:
  std::vector<HookEntry> chains_[kMaxHookId + 1];
};

/// Text name of a hook point ("request_received").
const char *hook_point_name(uint32_t hook_id);

/// Run a chain that is not a request stage (route, SDP): hooks in order until one STOPs.
/// ERROR, an exception and ASYNC (unsupported there) are logged and skipped: these points fail
/// open. Returns LS_VERDICT_STOP or LS_VERDICT_CONTINUE. `method` filters like request hooks
/// (nullptr: every hook runs).
uint32_t run_decision_chain(const HookChains &chains, uint32_t hook_id, ls_request_t *request,
                            void *payload, const char *method);

}  // namespace lineside::kernel
