// calls/call_status.hpp: choosing the one final status a caller gets when every fork failed.
#pragma once

#include <vector>

namespace lineside::kernel {

/// RFC 3261 16.7-style choice among final failures: a 6xx wins, then 486 Busy (every busy
/// phone means the user is busy), then the lowest other 4xx (401/407/415/420/484 are the
/// callee's problem, not the caller's, and become 480), 5xx as 503; nothing useful -> 480.
int best_failure_status(const std::vector<int> &finals);

/// Q.850 cause for a final SIP status given to a caller (RFC 3398 / RFC 6432 spirit):
/// 200 -> 16 normal clearing, 404 -> 1 unallocated number, 486 -> 17 user busy, 480 -> 19 no
/// answer (20 subscriber absent when nothing is registered), 403 -> 21 call rejected,
/// 487 -> 16, 488 -> 88 incompatible destination, 408 -> 18 no user responding, 5xx -> 41.
unsigned q850_cause_for(int status, bool nothing_registered = false);

}  // namespace lineside::kernel
