// host/providers.hpp: the registry of named, versioned providers (module and kernel services).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace lineside::kernel {

struct ModuleRecord;

/// "name/version" -> function table. Registered at init (SIP thread), read afterwards.
class ProviderRegistry {
 public:
  struct Entry {
    const void *table = nullptr;
    void *self = nullptr;
    ModuleRecord *owner = nullptr;  ///< nullptr for the kernel's own providers
  };
  /// Returns false when the name/version is already taken.
  bool add(const std::string &name, uint32_t version, const void *table, void *self,
           ModuleRecord *owner);
  /// Withdraw every provider of a module that was disabled.
  void remove_owner(const ModuleRecord *owner);
  [[nodiscard]] const Entry *find(const std::string &name, uint32_t version) const;
  static std::string key(const std::string &name, uint32_t version) {
    return name + "/" + std::to_string(version);
  }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace lineside::kernel
