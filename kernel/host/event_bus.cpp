// host/event_bus.cpp: observer registration and synchronous delivery.
#include "host/event_bus.hpp"

#include "runtime/logger.hpp"

namespace lineside::kernel {

void EventBus::add_module(ModuleRecord &module) {
  const ls_module_descriptor_t *d = module.descriptor;
  for (uint32_t i = 0; i < d->observer_count; ++i) {
    observers_[d->observers[i].event_id].push_back(Observer{&module, d->observers[i].fn});
  }
}

void EventBus::emit(uint32_t event_id, const void *payload) const {
  auto it = observers_.find(event_id);
  if (it == observers_.end()) return;
  for (const Observer &o : it->second) {
    if (!o.module->active) continue;
    try {
      o.fn(o.module->instance, event_id, payload);
    } catch (...) {
      log_error(o.module->name, "observer threw; event " + std::to_string(event_id) + " skipped");
    }
  }
}

}  // namespace lineside::kernel
