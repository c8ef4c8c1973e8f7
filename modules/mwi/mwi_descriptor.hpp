// mwi/mwi_descriptor.hpp: the mwi module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::mwi {

const ls_module_descriptor_t &mwi_descriptor();

}  // namespace lineside::mwi
