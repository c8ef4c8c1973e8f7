// kpml/kpml_descriptor.cpp: the kpml module's descriptor.
#include "kpml_descriptor.hpp"

#include "kpml_module.hpp"

namespace lineside::kpml {
namespace {

const ls_hook_decl_t kHooks[] = {
    // Before the auth module's digest hook (100): trusted applications' kpml SUBSCRIBEs are not
    // challenged.
    hook<KpmlModule, &KpmlModule::on_trusted_subscribe>(LS_HOOK_AUTHENTICATE, "trusted_subscribe",
                                                        50, "SUBSCRIBE"),
    hook<KpmlModule, &KpmlModule::on_request>(LS_HOOK_REQUEST, "subscribe_notify", 500,
                                              "SUBSCRIBE,NOTIFY"),
};

const ls_provider_decl_t kProvides[] = {
    provides(LS_KPML_PROVIDER, LS_KPML_VERSION),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION),
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<KpmlModule>(
             "kpml", "1.0.0",
             "digit collection from phones by KPML subscriptions (RFC 4730): "
             "lineside.kpml/1, admin API, applications' kpml SUBSCRIBEs")
      .config(kpml_config_fields(), kpml_config_field_count())
      .hooks(kHooks)
      .provided(kProvides)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &kpml_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::kpml
