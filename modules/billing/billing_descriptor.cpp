// billing/billing_descriptor.cpp: the billing module's descriptor (observer, schema, requirement).
#include "billing_descriptor.hpp"

#include "billing_module.hpp"

namespace lineside::billing {
namespace {

const ls_observer_decl_t kObservers[] = {
    observer<BillingModule, &BillingModule::on_call_event>(LS_EVENT_CALL),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<BillingModule>(
             "billing", "1.0.0",
             "SMDR (Mitel fixed-width records) and CDR (JSON lines, CSV) to durable files and an "
             "SMDR TCP stream")
      .config(billing_config_fields(), billing_config_field_count())
      .observers(kObservers)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &billing_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::billing
