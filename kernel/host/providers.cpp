// host/providers.cpp: provider registration and lookup.
#include "host/providers.hpp"

namespace lineside::kernel {

bool ProviderRegistry::add(const std::string &name, uint32_t version, const void *table,
                           void *self, ModuleRecord *owner) {
  return entries_.emplace(key(name, version), Entry{table, self, owner}).second;
}

void ProviderRegistry::remove_owner(const ModuleRecord *owner) {
  std::erase_if(entries_, [owner](const auto &kv) { return kv.second.owner == owner; });
}

const ProviderRegistry::Entry *ProviderRegistry::find(const std::string &name,
                                                      uint32_t version) const {
  auto it = entries_.find(key(name, version));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace lineside::kernel
