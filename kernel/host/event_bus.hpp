// host/event_bus.hpp: delivers observer events to the modules that declared observers for them.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "host/module_record.hpp"

namespace lineside::kernel {

/// Observers by event id in module load order. SIP thread only. An observer never blocks or
/// changes what it observes; an exception escaping one is contained.
class EventBus {
 public:
  void add_module(ModuleRecord &module);
  void emit(uint32_t event_id, const void *payload) const;

 private:
  struct Observer {
    ModuleRecord *module;
    ls_observer_fn fn;
  };
  std::map<uint32_t, std::vector<Observer>> observers_;
};

}  // namespace lineside::kernel
