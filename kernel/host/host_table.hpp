// host/host_table.hpp: the ls_host_t every module receives, implemented over the kernel services.
#pragma once

#include "lineside/host.h"

namespace lineside::kernel {

class RequestPipeline;

/// The one host table (static storage, valid for the process life).
const ls_host_t *host_table();
/// request_suspend takes no ctx, so the table reaches the pipeline through this binding.
void bind_host_pipeline(RequestPipeline *pipeline);

}  // namespace lineside::kernel
