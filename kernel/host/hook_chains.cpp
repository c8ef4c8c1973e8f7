// host/hook_chains.cpp: building and ordering hook chains.
#include "host/hook_chains.hpp"

#include <algorithm>
#include <cctype>
#include <strings.h>

#include "runtime/logger.hpp"

namespace lineside::kernel {

const char *hook_point_name(uint32_t hook_id) {
  switch (hook_id) {
    case LS_HOOK_REQUEST_RECEIVED: return "request_received";
    case LS_HOOK_AUTHENTICATE: return "authenticate";
    case LS_HOOK_REQUEST: return "request";
    case LS_HOOK_ROUTE: return "route";
    case LS_HOOK_SDP: return "sdp";
    case LS_HOOK_IN_DIALOG: return "in_dialog";
    default: return "unknown";
  }
}

bool HookEntry::matches(const char *method) const {
  if (methods.empty()) return true;
  for (const auto &m : methods) {
    if (strcasecmp(m.c_str(), method) == 0) return true;
  }
  return false;
}

std::string HookChains::add_module(ModuleRecord &module, size_t load_order) {
  const ls_module_descriptor_t *d = module.descriptor;
  for (uint32_t i = 0; i < d->hook_count; ++i) {
    const ls_hook_decl_t &decl = d->hooks[i];
    if (decl.hook_id == 0 || decl.hook_id > kMaxHookId) {
      return "declares hook '" + std::string(decl.name ? decl.name : "?") + "' on unknown hook point " +
             std::to_string(decl.hook_id);
    }
    HookEntry e;
    e.module = &module;
    e.decl = &decl;
    e.load_order = load_order;
    e.priority = decl.priority;
    if (auto it = module.hook_priorities.find(decl.name); it != module.hook_priorities.end()) {
      e.priority = it->second;
    }
    if (decl.methods) {
      std::string cur;
      for (const char *p = decl.methods;; ++p) {
        if (*p == ',' || *p == '\0') {
          while (!cur.empty() && cur.back() == ' ') cur.pop_back();
          if (!cur.empty()) e.methods.push_back(cur);
          cur.clear();
          if (*p == '\0') break;
        } else if (*p != ' ' || !cur.empty()) {
          cur.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(*p))));
        }
      }
    }
    chains_[decl.hook_id].push_back(std::move(e));
  }
  return "";
}

void HookChains::finalise() {
  for (auto &chain : chains_) {
    std::stable_sort(chain.begin(), chain.end(), [](const HookEntry &a, const HookEntry &b) {
      if (a.priority != b.priority) return a.priority < b.priority;
      return a.load_order < b.load_order;
    });
  }
}

const std::vector<HookEntry> &HookChains::chain(uint32_t hook_id) const {
  static const std::vector<HookEntry> kEmpty;
  return hook_id <= kMaxHookId ? chains_[hook_id] : kEmpty;
}

std::vector<std::string> HookChains::handled_methods() const {
  std::vector<std::string> out;
  for (const auto &e : chains_[LS_HOOK_REQUEST]) {
    for (const auto &m : e.methods) {
      if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
  }
  return out;
}

uint32_t run_decision_chain(const HookChains &chains, uint32_t hook_id, ls_request_t *request,
                            void *payload, const char *method) {
  ls_hook_args_t args{sizeof(ls_hook_args_t), hook_id, request, payload};
  for (const HookEntry &e : chains.chain(hook_id)) {
    if (!e.module->active || (method && !e.matches(method))) continue;
    uint32_t verdict;
    try {
      verdict = e.decl->fn(e.module->instance, &args);
    } catch (...) {
      verdict = LS_VERDICT_ERROR;
    }
    if (verdict == LS_VERDICT_STOP) return LS_VERDICT_STOP;
    if (verdict != LS_VERDICT_CONTINUE) {
      log_error(e.module->name, std::string("hook '") + e.decl->name + "' failed at " +
                                    hook_point_name(hook_id) + " (verdict " + std::to_string(verdict) +
                                    "); going on without it");
    }
  }
  return LS_VERDICT_CONTINUE;
}

}  // namespace lineside::kernel
