// routes/routes_descriptor.hpp: the routes module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::routes {

/// Route hook priority: after the emergency module's (100), before the default router.
inline constexpr int32_t kRouteHookPriority = 500;

const ls_module_descriptor_t &routes_descriptor();

}  // namespace lineside::routes
