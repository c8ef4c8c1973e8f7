// emergency/emergency_descriptor.hpp: the emergency module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::emergency {

/// Route hook priority: before the routes module (500) and anything at the default 500.
inline constexpr int32_t kEmergencyRoutePriority = 100;

const ls_module_descriptor_t &emergency_descriptor();

}  // namespace lineside::emergency
