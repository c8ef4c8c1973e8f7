// daemon/daemon_reload.cpp: SIGHUP reload, all or nothing: every change is checked first, then
// everything is applied, or nothing is and the reasons are logged.
#include <yaml-cpp/yaml.h>

#include "config/validate_config.hpp"
#include "daemon/daemon.hpp"
#include "daemon/daemon_services.hpp"
#include "directory/directory.hpp"
#include "provisioning/directory_file_sync.hpp"
#include "host/module_set.hpp"
#include "runtime/logger.hpp"
#include "sip/sofia_log.hpp"

namespace lineside::kernel {

namespace {
std::string yaml_text(const YAML::Node &node) {
  YAML::Emitter out;
  out << node;
  return out.c_str();
}

/// Kernel settings that only a restart can change; names of the ones that differ.
std::vector<std::string> restart_only_changes(const KernelSettings &a, const KernelSettings &b) {
  std::vector<std::string> out;
  if (a.sip_domain != b.sip_domain) out.push_back("kernel.sip_domain");
  if (a.state_dir != b.state_dir) out.push_back("kernel.state_dir");
  if (a.store.path != b.store.path || a.store.synchronous != b.store.synchronous ||
      a.store.batch_max != b.store.batch_max) {
    out.push_back("kernel.store");
  }
  if (a.sip.udp_mtu != b.sip.udp_mtu || a.sip.max_message_size != b.sip.max_message_size) {
    out.push_back("kernel.sip");
  }
  if (a.workers != b.workers) out.push_back("kernel.workers");
  if (a.admin.enabled != b.admin.enabled || a.admin.listen != b.admin.listen ||
      a.admin.token_file != b.admin.token_file || a.admin.cert_file != b.admin.cert_file ||
      a.admin.key_file != b.admin.key_file || a.admin.users != b.admin.users) {
    out.push_back("kernel.admin");
  }
  if (a.module_dirs != b.module_dirs) out.push_back("kernel.module_dirs");
  return out;
}
}  // namespace

void Daemon::reload() {
  log_notice("kernel", "reloading " + cl_.config_path);
  std::vector<std::string> refusals;
  LoadedConfig next;
  try {
    next = load_config(cl_.config_path, LoadOptions{cl_.state_dir});
  } catch (const ConfigException &e) {
    log_error("kernel", std::string("reload refused, configuration invalid:\n") + e.what());
    return;
  }
  for (const auto &key : restart_only_changes(config_.kernel, next.kernel)) {
    refusals.push_back(key + " changed: a restart is needed for it");
  }
  // The directory file is an import source: checked now (with the new licence counts), imported
  // with the rest when it changed since its last import.
  Provisioning &prov = *s_->provisioning;
  const LicenceCounts old_licences = prov.context().licences;
  prov.set_licences({next.kernel.licences.ip_users, next.kernel.licences.single_line_users});
  FileImport directory_import;
  try {
    if (!prov.idle()) throw std::runtime_error("a provisioning change is being written: reload again");
    directory_import = plan_directory_file_import(prov, next.kernel.directory_file, false);
  } catch (const ConfigException &e) {
    refusals.push_back(std::string("directory file invalid:\n") + e.what());
  } catch (const std::exception &e) {
    refusals.push_back(e.what());
  }
  // Module set, paths and hook priorities are fixed until restart; configs may change.
  struct Change {
    ModuleRecord *record;
    std::shared_ptr<const ls_config> config;
  };
  std::vector<Change> changes;
  auto enabled = [](const LoadedConfig &c) {
    std::vector<const ModuleEntry *> out;
    for (const auto &m : c.modules) {
      if (m.enabled) out.push_back(&m);
    }
    return out;
  };
  const auto before = enabled(config_);
  const auto after = enabled(next);
  if (before.size() != after.size()) refusals.push_back("the set of enabled modules changed: restart needed");
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
    const ModuleEntry &a = *before[i];
    const ModuleEntry &b = *after[i];
    if (a.name != b.name || a.path != b.path || a.required != b.required ||
        a.hook_priorities != b.hook_priorities) {
      refusals.push_back("module '" + b.name + "' changed name, path, required or hook priorities: restart needed");
      continue;
    }
    if (yaml_text(a.config) == yaml_text(b.config)) continue;
    ModuleRecord *r = s_->modules->find(b.name);
    if (!r || !r->active) continue;
    std::vector<ConfigError> errors;
    auto tree = validate_config(b.config, r->descriptor->config_fields, r->descriptor->config_field_count,
                                b.config_context, errors);
    for (const auto &e : errors) refusals.push_back(e.str());
    if (!tree) continue;
    if (!r->descriptor->reconfigure_check) {
      refusals.push_back("module '" + r->name + "' cannot reload its configuration: restart needed");
      continue;
    }
    char err[512] = {0};
    r->config_errors.clear();
    if (r->descriptor->reconfigure_check(r->instance, tree.get(), err, sizeof err) != 0 ||
        !r->config_errors.empty()) {
      std::string why = "module '" + r->name + "' refused its new configuration";
      if (err[0]) why += std::string(": ") + err;
      for (const auto &e : r->config_errors) why += "\n" + e;
      refusals.push_back(why);
      continue;
    }
    changes.push_back(Change{r, tree});
  }
  if (!refusals.empty()) {
    std::string text;
    for (const auto &r : refusals) text += "\n  " + r;
    prov.set_licences(old_licences);
    log_error("kernel", "reload refused, nothing changed:" + text);
    return;
  }
  Logger::instance().set_level(static_cast<LogLevel>(next.kernel.log.level));
  redirect_sofia_logs(static_cast<unsigned>(next.kernel.log.sofia_level));
  try {
    const std::string imported = apply_directory_file_import(prov, std::move(directory_import));
    if (!imported.empty()) log_notice("provisioning", imported);
  } catch (const std::exception &e) {
    log_error("provisioning", e.what());
  }
  for (Change &c : changes) {
    c.record->retired_configs.push_back(c.record->config);
    c.record->config = c.config;
    c.record->descriptor->reconfigure_apply(c.record->instance, c.config.get());
  }
  s_->admission.set_limits(admission_limits(next.kernel.calls));
  s_->calls->set_settings(CallSettings{next.kernel.calls.ring_timeout_ms});
  config_ = std::move(next);
  log_notice("kernel", "configuration reloaded (" + std::to_string(changes.size()) +
                           " module configs changed)");
}

}  // namespace lineside::kernel
