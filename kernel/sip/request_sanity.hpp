// sip/request_sanity.hpp: the kernel's strictness checks on a parsed request, beyond what
// Sofia's lenient parser enforces (RFC 4475 "invalid" messages get 400 before any module).
#pragma once

#include "sip/sofia.hpp"

namespace lineside::kernel {

/// nullptr when the request is acceptable, else a reason phrase for a 400 response.
const char *malformed_request_reason(const sip_t *sip);

}  // namespace lineside::kernel
