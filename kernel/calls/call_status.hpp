// calls/call_status.hpp: choosing the one final status a caller gets when every fork failed.
#pragma once

#include <vector>

namespace lineside::kernel {

/// RFC 3261 16.7-style choice among final failures: a 6xx wins, then 486 Busy (every busy
/// phone means the user is busy), then the lowest other 4xx (401/407/415/420/484 are the
/// callee's problem, not the caller's, and become 480), 5xx as 503; nothing useful -> 480.
int best_failure_status(const std::vector<int> &finals);

}  // namespace lineside::kernel
