// routes/routes_descriptor.cpp: the routes module's descriptor.
#include "routes_descriptor.hpp"

#include "route_hook.hpp"
#include "routes_config.hpp"
#include "routes_module.hpp"

namespace lineside::routes {
namespace {

const ls_hook_decl_t kHooks[] = {
    route_hook<RoutesModule, &RoutesModule::on_route>("outbound", kRouteHookPriority),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<RoutesModule>("routes", "1.0.0",
                                         "outbound routes (ARS): digit patterns to SIP trunk "
                                         "gateways with strip/prepend, caller id and failover")
      .config(routes_config_fields(), routes_config_field_count())
      .hooks(kHooks)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &routes_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::routes
