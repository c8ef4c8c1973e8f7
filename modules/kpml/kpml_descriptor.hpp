// kpml/kpml_descriptor.hpp: the kpml module's descriptor (hooks, provider, requirements, schema).
#pragma once

#include "lineside/module.h"

namespace lineside::kpml {

/// The descriptor lineside_module_v1 returns; static storage.
const ls_module_descriptor_t &kpml_descriptor();

}  // namespace lineside::kpml
