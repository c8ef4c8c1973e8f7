// emergency/emergency_descriptor.cpp: the emergency module's descriptor.
#include "emergency_descriptor.hpp"

#include "emergency_module.hpp"
#include "lineside/providers/location.h"
#include "route_hook.hpp"

namespace lineside::emergency {
namespace {

const ls_hook_decl_t kHooks[] = {
    routes::route_hook<EmergencyModule, &EmergencyModule::on_route>("emergency",
                                                                    kEmergencyRoutePriority),
};

const ls_observer_decl_t kObservers[] = {
    observer<EmergencyModule, &EmergencyModule::on_call_event>(LS_EVENT_CALL),
    observer<EmergencyModule, &EmergencyModule::on_registration>(LS_EVENT_REGISTRATION),
    observer<EmergencyModule, &EmergencyModule::on_device_changed>(LS_EVENT_DEVICE_CHANGED),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
    requirement(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION, true),
    requirement(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, true),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<EmergencyModule>("emergency", "1.0.0",
                                            "911/CESID: emergency calls to emergency gateways with "
                                            "the caller's CESID, CESID table, notifications")
      .config(emergency_config_fields(), emergency_config_field_count())
      .hooks(kHooks)
      .observers(kObservers)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &emergency_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::emergency
