// registrar/registrar_descriptor.hpp: the registrar's module descriptor (hooks, observers,
// provider, requirement, schema, lifecycle).
#pragma once

#include "lineside/module.h"

namespace lineside::registrar {

/// The descriptor lineside_module_v1 returns; static storage.
const ls_module_descriptor_t &registrar_descriptor();

}  // namespace lineside::registrar
