// registrar/registrar_descriptor.cpp: the registrar's module descriptor.
#include "registrar_descriptor.hpp"

#include "registrar_module.hpp"

namespace lineside::registrar {
namespace {

const ls_hook_decl_t kHooks[] = {
    hook<RegistrarModule, &RegistrarModule::on_register>(LS_HOOK_REQUEST, "register", 500, "REGISTER"),
};

const ls_observer_decl_t kObservers[] = {
    observer<RegistrarModule, &RegistrarModule::on_flow_closed>(LS_EVENT_FLOW_CLOSED),
    observer<RegistrarModule, &RegistrarModule::on_device_changed>(LS_EVENT_DEVICE_CHANGED),
};

const ls_provider_decl_t kProvides[] = {
    {sizeof(ls_provider_decl_t), LS_LOCATION_VERSION, LS_LOCATION_PROVIDER},
};

const ls_requirement_t kRequirements[] = {
    {sizeof(ls_requirement_t), LS_DIRECTORY_VERSION, LS_DIRECTORY_PROVIDER, 0, 0},
};

ls_module_descriptor_t make_descriptor() {
  ls_module_descriptor_t d{};
  d.size = sizeof d;
  d.abi_major = LS_ABI_MAJOR;
  d.abi_minor = LS_ABI_MINOR;
  d.name = "registrar";
  d.version = "1.0.0";
  d.summary = "SIP registrar (RFC 3261 §10.3, RFC 5626 instances, RFC 3327 Path) with durable bindings";
  d.config_fields = registrar_config_fields();
  d.config_field_count = registrar_config_field_count();
  d.hooks = kHooks;
  d.hook_count = count_of(kHooks);
  d.observers = kObservers;
  d.observer_count = count_of(kObservers);
  d.provides = kProvides;
  d.provide_count = count_of(kProvides);
  d.requirements = kRequirements;
  d.requirement_count = count_of(kRequirements);
  bind_lifecycle<RegistrarModule>(d, true);
  return d;
}

}  // namespace

const ls_module_descriptor_t &registrar_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::registrar
