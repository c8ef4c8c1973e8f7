// sip/sofia_log.hpp: routes Sofia-SIP's own logging (su_log) into the daemon's logger.
#pragma once

namespace lineside::kernel {

/// Redirect Sofia's default, nta and tport logs into ours at `level` (0-9). Call before su_init
/// users log anything; safe to call again to change the level.
void redirect_sofia_logs(unsigned level);

}  // namespace lineside::kernel
