// lineside/testing/fake_sdp.hpp: the fake host's SDP edit handle (what host->sdp_replace and
// host->sdp_reject act on) and the outcome of one run of a module's SDP hooks.
#pragma once

#include <cstdint>
#include <string>

#include "lineside/call.h"

/// The fake host's definition of the handle call.h leaves opaque. Test programs only: the kernel
/// has its own, and a test that links the kernel must not include the fake host.
struct ls_sdp_edit {
  std::string body;
  uint32_t reject_status = 0;     ///< set by sdp_reject
  bool replaced = false;          ///< sdp_replace was called
  ls_sdp_args_t *args = nullptr;  ///< kept pointing at `body` after every replace
};

namespace lineside::testing {

/// What FakeHost::run_sdp saw the module's SDP hooks do.
struct SdpRun {
  uint32_t verdict = LS_VERDICT_CONTINUE;  ///< the last hook's verdict
  /// STOP: the status the offer is refused with (sdp_reject's, 488 when never called); else 0.
  uint32_t status = 0;
  std::string body;       ///< the body as the hooks left it (what the receiver would get)
  bool replaced = false;  ///< some hook called sdp_replace
};

}  // namespace lineside::testing
