// transport/transport_descriptor.hpp: the transport module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::transport {

/// The descriptor lineside_module_v1 returns; static storage.
const ls_module_descriptor_t &transport_descriptor();

}  // namespace lineside::transport
