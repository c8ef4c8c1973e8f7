// auth/auth_descriptor.hpp: the auth module's descriptor (hooks, schema, requirements, lifecycle).
#pragma once

#include "lineside/module.h"

namespace lineside::auth {

/// The descriptor the entry symbol returns (static storage; also loaded directly by unit tests).
[[nodiscard]] const ls_module_descriptor_t &auth_descriptor();

}  // namespace lineside::auth
