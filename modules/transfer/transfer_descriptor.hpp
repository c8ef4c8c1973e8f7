// transfer/transfer_descriptor.hpp: the transfer module's descriptor (hooks, observer, schema).
#pragma once

#include "lineside/module.h"

namespace lineside::transfer {

/// The descriptor lineside_module_v1 returns; static storage.
const ls_module_descriptor_t &transfer_descriptor();

}  // namespace lineside::transfer
