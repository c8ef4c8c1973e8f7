// mwi/mwi_descriptor.cpp: the mwi module's descriptor: SUBSCRIBE hook, observers, requirements.
#include "mwi_descriptor.hpp"

#include "mwi_module.hpp"

namespace lineside::mwi {
namespace {

const ls_hook_decl_t kHooks[] = {
    hook<MwiModule, &MwiModule::on_subscribe>(LS_HOOK_REQUEST, "subscribe", 500, "SUBSCRIBE"),
};

const ls_observer_decl_t kObservers[] = {
    observer<MwiModule, &MwiModule::on_registration>(LS_EVENT_REGISTRATION),
    observer<MwiModule, &MwiModule::on_flow_closed>(LS_EVENT_FLOW_CLOSED),
    observer<MwiModule, &MwiModule::on_device_changed>(LS_EVENT_DEVICE_CHANGED),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
    requirement(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, true),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<MwiModule>(
             "mwi", "1.0.0",
             "message waiting indication: message-summary subscriptions "
             "(RFC 3842, RFC 6665) and unsolicited NOTIFY, states kept in the store")
      .config(mwi_config_fields(), mwi_config_field_count())
      .hooks(kHooks)
      .observers(kObservers)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &mwi_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::mwi
