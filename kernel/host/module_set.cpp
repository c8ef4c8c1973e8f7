// host/module_set.cpp: loading policy for the set of enabled modules.
#include "host/module_set.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "admin/admin_routes.hpp"
#include "host/host_services.hpp"
#include "host/host_table.hpp"
#include "host/module_loader.hpp"
#include "runtime/logger.hpp"

namespace lineside::kernel {

namespace {
std::string provider_key(const char *name, uint32_t version) {
  return std::string(name) + "/" + std::to_string(version);
}
}  // namespace

ModuleRecord *ModuleSet::find(const std::string &name) const {
  for (const auto &r : records_) {
    if (r->name == name) return r.get();
  }
  return nullptr;
}

void ModuleSet::fail(ModuleRecord &record, const std::string &why, bool config_error) {
  record.active = false;
  if (std::find(failed_.begin(), failed_.end(), &record) == failed_.end()) failed_.push_back(&record);
  providers_.remove_owner(&record);
  if (services_.admin) services_.admin->remove_owner(&record);
  if (record.required || config_error) {
    fatal_.push_back(why);
  } else {
    log_warning("kernel", why + " (module '" + record.name +
                              "' is not required: it is disabled, with anything that needs it)");
  }
}

void ModuleSet::open_all(const std::vector<ModuleEntry> &enabled, const std::vector<std::string> &dirs) {
  for (const ModuleEntry &spec : enabled) {
    auto rec = std::make_unique<ModuleRecord>();
    rec->name = spec.name;
    rec->required = spec.required;
    rec->path = spec.path;
    rec->position = spec.position;
    ModuleRecord &r = *rec;
    records_.push_back(std::move(rec));
    const std::string err = open_module(r, dirs);
    if (!err.empty()) {
      fail(r, module_error(spec, err).str());
      continue;
    }
    for (const auto &[hook, priority] : spec.hook_priorities) {
      bool known = false;
      for (uint32_t i = 0; i < r.descriptor->hook_count; ++i) {
        if (hook == r.descriptor->hooks[i].name) known = true;
      }
      if (!known) {
        fail(r, hook_error(spec, hook, "module '" + r.name + "' has no hook named '" + hook + "'").str(),
             true);
      }
      r.hook_priorities[hook] = priority;
    }
    std::vector<ConfigError> errors;
    r.config = validate_config(spec.config, r.descriptor->config_fields,
                               r.descriptor->config_field_count, spec.config_context, errors);
    for (const auto &e : errors) fail(r, e.str(), true);
  }
}

void ModuleSet::check_requirements(const std::vector<std::string> &host_providers) {
  std::set<std::string> offered(host_providers.begin(), host_providers.end());
  for (const auto &r : records_) {
    if (!r->descriptor || std::find(failed_.begin(), failed_.end(), r.get()) != failed_.end()) continue;
    for (uint32_t i = 0; i < r->descriptor->provide_count; ++i) {
      offered.insert(provider_key(r->descriptor->provides[i].name, r->descriptor->provides[i].version));
    }
  }
  for (const auto &r : records_) {
    if (!r->descriptor) continue;
    for (uint32_t i = 0; i < r->descriptor->requirement_count; ++i) {
      const ls_requirement_t &q = r->descriptor->requirements[i];
      const std::string key = provider_key(q.name, q.version);
      if (!q.optional && !offered.count(key)) {
        fail(*r, error_at_position(r->position, "modules." + r->name,
                                   "module '" + r->name + "' requires provider '" + key +
                                       "', which no enabled module provides")
                     .str());
      }
    }
  }
}

bool ModuleSet::requirements_met(ModuleRecord &r) {
  const ls_module_descriptor_t *d = r.descriptor;
  for (uint32_t i = 0; i < d->requirement_count; ++i) {
    const ls_requirement_t &q = d->requirements[i];
    if (q.optional) continue;
    if (!providers_.find(q.name, q.version)) {
      // Who could have provided it?
      std::string owner;
      for (const auto &other : records_) {
        if (!other->descriptor) continue;
        for (uint32_t k = 0; k < other->descriptor->provide_count; ++k) {
          if (provider_key(other->descriptor->provides[k].name, other->descriptor->provides[k].version) ==
              provider_key(q.name, q.version)) {
            owner = other->name;
          }
        }
      }
      fail(r, error_at_position(r.position, "modules." + r.name,
                                "module '" + r.name + "' requires provider '" +
                                    provider_key(q.name, q.version) + "', " +
                                    (owner.empty() ? std::string("which no enabled module provides")
                                                   : "whose module '" + owner + "' is disabled"))
                  .str());
      return false;
    }
  }
  return true;
}

void ModuleSet::order_by_providers() {
  // Stable topological order: a module comes after the modules providing what it requires.
  std::map<std::string, ModuleRecord *> provider_of;
  for (const auto &r : records_) {
    if (!r->descriptor) continue;
    for (uint32_t i = 0; i < r->descriptor->provide_count; ++i) {
      provider_of[provider_key(r->descriptor->provides[i].name, r->descriptor->provides[i].version)] = r.get();
    }
  }
  std::vector<std::unique_ptr<ModuleRecord>> pending = std::move(records_);
  records_.clear();
  std::set<ModuleRecord *> placed;
  while (!pending.empty()) {
    bool progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      ModuleRecord *r = it->get();
      bool ready = true;
      if (r->descriptor) {
        for (uint32_t i = 0; i < r->descriptor->requirement_count; ++i) {
          const auto &q = r->descriptor->requirements[i];
          auto p = provider_of.find(provider_key(q.name, q.version));
          if (p != provider_of.end() && p->second != r && !placed.count(p->second)) ready = false;
        }
      }
      if (ready) {
        placed.insert(r);
        records_.push_back(std::move(*it));
        it = pending.erase(it);
        progress = true;
      } else {
        ++it;
      }
    }
    if (!progress) {
      std::string names;
      for (const auto &r : pending) names += (names.empty() ? "" : ", ") + r->name;
      for (auto &r : pending) {
        fail(*r, "provider dependency cycle among modules: " + names);
        records_.push_back(std::move(r));
      }
      pending.clear();
    }
  }
}

void ModuleSet::init_and_start() {
  order_by_providers();
  const ls_host_t *host = host_table();
  size_t order = 0;
  for (auto &rec : records_) {
    ModuleRecord &r = *rec;
    if (std::find(failed_.begin(), failed_.end(), &r) != failed_.end()) continue;
    if (!requirements_met(r)) continue;
    r.ctx.services = &services_;
    r.ctx.record = &r;
    char err[512] = {0};
    const int rc = r.descriptor->init(host, &r.ctx, &r.instance, err, sizeof err);
    if (rc != 0 || !r.config_errors.empty()) {
      std::string why = "module '" + r.name + "' failed to initialise";
      if (err[0]) why += std::string(": ") + err;
      for (const auto &e : r.config_errors) why += "\n" + e;
      fail(r, why, !r.config_errors.empty() && r.required);
      continue;
    }
    for (uint32_t i = 0; i < r.descriptor->provide_count; ++i) {
      const auto &p = r.descriptor->provides[i];
      const auto *entry = providers_.find(p.name, p.version);
      if (!entry || entry->owner != &r) {
        fail(r, "module '" + r.name + "' declares provider '" + provider_key(p.name, p.version) +
                    "' but did not register it during init");
      }
    }
    if (!r.active && std::find(failed_.begin(), failed_.end(), &r) == failed_.end()) {
      r.active = true;
      chains_.add_module(r, order);
      events_.add_module(r);
      ++order;
    }
  }
  chains_.finalise();
  for (auto &rec : records_) {
    ModuleRecord &r = *rec;
    if (!r.active || !r.descriptor->start) continue;
    char err[512] = {0};
    if (r.descriptor->start(r.instance, err, sizeof err) != 0) {
      fail(r, "module '" + r.name + "' failed to start" + (err[0] ? std::string(": ") + err : ""));
    } else {
      log_info("kernel", "module '" + r.name + "' " +
                             (r.descriptor->version ? r.descriptor->version : "") + " started");
    }
  }
}

void ModuleSet::stop_all() {
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
    ModuleRecord &r = **it;
    if (r.active && r.descriptor->stop) r.descriptor->stop(r.instance);
    r.active = false;
  }
}

void ModuleSet::destroy_all() {
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
    ModuleRecord &r = **it;
    r.active = false;
    if (r.instance && r.descriptor->destroy) r.descriptor->destroy(r.instance);
    r.instance = nullptr;
  }
}

}  // namespace lineside::kernel
