// registrar/location_service.hpp: the lineside.location/1 provider over the binding table.
#pragma once

#include <cstdint>

#include "binding_table.hpp"
#include "lineside/plugin.hpp"

namespace lineside::registrar {

/// Serves lineside.location/1: live (unexpired) bindings, strings borrowed for the visitor call.
class LocationService {
 public:
  LocationService(const BindingTable &table, Host host) : table_(table), host_(host) {}

  /// The provider's function table; `self` is a LocationService*.
  static const ls_location_v1_t *provider_table();

  uint32_t lookup(const char *user, ls_binding_visit_fn visit, void *arg) const;
  uint64_t for_each(ls_binding_visit_fn visit, void *arg) const;
  uint64_t count() const;

 private:
  const BindingTable &table_;
  Host host_;
};

/// The ABI view of a binding; its strings point into `binding`.
ls_binding_t to_abi_binding(const Binding &binding);

}  // namespace lineside::registrar
