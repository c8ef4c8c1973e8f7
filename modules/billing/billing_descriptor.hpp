// billing/billing_descriptor.hpp: the billing module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::billing {

const ls_module_descriptor_t &billing_descriptor();

}  // namespace lineside::billing
