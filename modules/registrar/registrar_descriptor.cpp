// registrar/registrar_descriptor.cpp: the registrar's module descriptor.
#include "registrar_descriptor.hpp"

#include "registrar_module.hpp"

namespace lineside::registrar {
namespace {

const ls_hook_decl_t kHooks[] = {
    hook<RegistrarModule, &RegistrarModule::on_register>(LS_HOOK_REQUEST, "register", 500,
                                                         "REGISTER"),
};

const ls_observer_decl_t kObservers[] = {
    observer<RegistrarModule, &RegistrarModule::on_flow_closed>(LS_EVENT_FLOW_CLOSED),
    observer<RegistrarModule, &RegistrarModule::on_device_changed>(LS_EVENT_DEVICE_CHANGED),
};

const ls_provider_decl_t kProvides[] = {
    provides(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<RegistrarModule>("registrar", "1.0.0",
                                            "SIP registrar (RFC 3261 §10.3, RFC 5626 instances, "
                                            "RFC 3327 Path) with durable bindings")
      .config(registrar_config_fields(), registrar_config_field_count())
      .hooks(kHooks)
      .observers(kObservers)
      .provided(kProvides)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &registrar_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::registrar
