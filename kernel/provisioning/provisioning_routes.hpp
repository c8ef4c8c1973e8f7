// provisioning/provisioning_routes.hpp: the provisioning part of the admin REST API (devices,
// line DNs, capability profiles, device types, licences, system options, import/export).
#pragma once

#include "admin/kernel_routes.hpp"
#include "provisioning/provisioning.hpp"

namespace lineside::kernel {

/// Register every provisioning route (see kernel/admin/openapi.yaml) on `routes`.
void add_provisioning_routes(KernelRoutes &routes, Provisioning &provisioning);

}  // namespace lineside::kernel
