// config/kernel_schema.hpp: the static schema of the `kernel:` section, in the same form modules declare theirs.
#pragma once

#include <span>

#include "lineside/config_schema.h"

namespace lineside::kernel {

/// The `kernel:` schema (sip_domain, state_dir, directory_file, log, store, sip, workers, admin,
/// module_dirs) with its defaults and ranges. Static storage.
std::span<const ls_config_field_t> kernel_schema();

} // namespace lineside::kernel
