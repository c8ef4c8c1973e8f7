// host/module_loader.cpp: dlopen, entry symbol, ABI version and descriptor validation.
#include "host/module_loader.hpp"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cstring>
#include <set>

#include "config/schema_check.hpp"
#include "config/schema_describe.hpp"
#include "host/hook_chains.hpp"

namespace lineside::kernel {

namespace {
bool file_exists(const std::string &p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string check_descriptor(const ModuleRecord &r) {
  const ls_module_descriptor_t *d = r.descriptor;
  const std::string who = "module '" + r.name + "' (" + r.path + ")";
  if (!d) return who + ": its entry symbol returned no descriptor";
  if (d->abi_major != LS_ABI_MAJOR) {
    return who + " was built for plugin ABI major " + std::to_string(d->abi_major) +
           ", this lineside has " + std::to_string(LS_ABI_MAJOR);
  }
  if (d->abi_minor > LS_ABI_MINOR) {
    return who + " was built for plugin ABI " + std::to_string(d->abi_major) + "." +
           std::to_string(d->abi_minor) + ", this lineside has " + std::to_string(LS_ABI_MAJOR) + "." +
           std::to_string(LS_ABI_MINOR) + " (a newer minor): upgrade lineside";
  }
  if (d->size < sizeof(ls_module_descriptor_t)) {
    return who + ": descriptor size " + std::to_string(d->size) + " is smaller than ABI " +
           std::to_string(LS_ABI_MAJOR) + ".0 requires";
  }
  if (!d->name || r.name != d->name) {
    return who + " calls itself '" + std::string(d->name ? d->name : "") +
           "'; the modules: key must match";
  }
  if (!d->init) return who + ": descriptor has no init function";
  std::set<std::string> hook_names;
  for (uint32_t i = 0; i < d->hook_count; ++i) {
    const ls_hook_decl_t &h = d->hooks[i];
    if (h.size < sizeof(ls_hook_decl_t) || !h.fn || !h.name) {
      return who + ": hook declaration " + std::to_string(i) + " is malformed";
    }
    if (h.hook_id == 0 || h.hook_id > HookChains::kMaxHookId) {
      return who + ": hook '" + h.name + "' uses hook point " + std::to_string(h.hook_id) +
             ", unknown to this lineside";
    }
    if (!hook_names.insert(h.name).second) return who + ": hook name '" + h.name + "' repeats";
  }
  for (uint32_t i = 0; i < d->observer_count; ++i) {
    if (d->observers[i].size < sizeof(ls_observer_decl_t) || !d->observers[i].fn) {
      return who + ": observer declaration " + std::to_string(i) + " is malformed";
    }
  }
  for (uint32_t i = 0; i < d->provide_count; ++i) {
    if (!d->provides[i].name) return who + ": provider declaration " + std::to_string(i) + " has no name";
  }
  for (uint32_t i = 0; i < d->requirement_count; ++i) {
    if (!d->requirements[i].name) return who + ": requirement " + std::to_string(i) + " has no name";
  }
  std::string schema = check_schema(d->config_fields, d->config_field_count);
  if (!schema.empty()) return who + ": invalid config schema: " + schema;
  return "";
}
}  // namespace

std::string open_module(ModuleRecord &r, const std::vector<std::string> &dirs) {
  if (r.path.empty()) {
    std::string searched;
    for (const auto &dir : dirs) {
      const std::string candidate = dir + "/" + r.name + ".so";
      if (file_exists(candidate)) {
        r.path = candidate;
        break;
      }
      searched += (searched.empty() ? "" : ", ") + dir;
    }
    if (r.path.empty()) {
      const std::string first = dirs.empty() ? r.name + ".so" : dirs.front() + "/" + r.name + ".so";
      return "cannot load module '" + r.name + "' from " + first +
             ": No such file or directory (searched " +
             (searched.empty() ? std::string("no module directory") : searched) + ")";
    }
  }
  dlerror();
  r.dl_handle = dlopen(r.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!r.dl_handle) {
    const char *why = dlerror();
    return "cannot load module '" + r.name + "' from " + r.path + ": " + (why ? why : "unknown error");
  }
  void *sym = dlsym(r.dl_handle, LS_ENTRY_SYMBOL);
  if (!sym) {
    for (int major = 2; major <= 9; ++major) {
      const std::string other = "lineside_module_v" + std::to_string(major);
      if (dlsym(r.dl_handle, other.c_str())) {
        return "module '" + r.name + "' (" + r.path + ") was built for plugin ABI major " +
               std::to_string(major) + " (exports " + other + "), this lineside has " +
               std::to_string(LS_ABI_MAJOR);
      }
    }
    return "module '" + r.name + "' (" + r.path + ") has no entry symbol " LS_ENTRY_SYMBOL
           " (is it a Lineside module?)";
  }
  auto entry = reinterpret_cast<ls_module_entry_fn>(sym);
  r.descriptor = entry();
  return check_descriptor(r);
}

std::string describe_module(const ModuleRecord &r) {
  const ls_module_descriptor_t *d = r.descriptor;
  std::string out = "module " + r.name + " " + (d->version ? d->version : "") + "\n";
  out += "  file: " + r.path + "\n";
  out += "  built for plugin ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor) + "\n";
  if (d->summary) out += "  " + std::string(d->summary) + "\n";
  out += "hooks:\n";
  if (d->hook_count == 0) out += "  (none)\n";
  for (uint32_t i = 0; i < d->hook_count; ++i) {
    const ls_hook_decl_t &h = d->hooks[i];
    out += "  " + std::string(h.name) + ": " + hook_point_name(h.hook_id) + ", priority " +
           std::to_string(h.priority) + ", methods " + (h.methods ? h.methods : "all") + "\n";
  }
  out += "observers:\n";
  if (d->observer_count == 0) out += "  (none)\n";
  for (uint32_t i = 0; i < d->observer_count; ++i) {
    const uint32_t id = d->observers[i].event_id;
    out += std::string("  ") + (id == LS_EVENT_REGISTRATION ? "registration" :
                                id == LS_EVENT_FLOW_CLOSED  ? "flow_closed" : "event " + std::to_string(id)) + "\n";
  }
  out += "provides:\n";
  if (d->provide_count == 0) out += "  (none)\n";
  for (uint32_t i = 0; i < d->provide_count; ++i) {
    out += "  " + std::string(d->provides[i].name) + "/" + std::to_string(d->provides[i].version) + "\n";
  }
  out += "requires:\n";
  if (d->requirement_count == 0) out += "  (none)\n";
  for (uint32_t i = 0; i < d->requirement_count; ++i) {
    const ls_requirement_t &q = d->requirements[i];
    out += "  " + std::string(q.name) + "/" + std::to_string(q.version) + (q.optional ? " (optional)" : "") + "\n";
  }
  out += "config:\n" + describe_schema(d->config_fields, d->config_field_count);
  return out;
}

}  // namespace lineside::kernel
