// calls/sdp_filter.hpp: running the SDP hook chain over one body the engine forwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lineside/call.h"

/// The kernel side of the opaque edit handle: the body as hooks leave it, and a refusal status.
struct ls_sdp_edit {
  std::string body;
  uint32_t reject_status = 0;
  ls_sdp_args_t *args = nullptr;  ///< kept pointing at `body` after every replace

  void replace(const char *text, size_t len) {
    body.assign(text, len);
    if (args) {
      args->body = body.c_str();
      args->body_len = body.size();
    }
  }
};

namespace lineside::kernel {

class HookChains;

struct SdpContext {
  uint32_t kind = LS_SDP_OFFER;
  uint64_t call_id = 0;
  uint32_t from_side = LS_LEG_CALLER;
  uint32_t to_side = LS_LEG_CALLEE;
  uint32_t leg_index = 0;
  uint32_t to_transport = 0;
  uint32_t from_transport = 0;
  const char *from_device_id = nullptr;
  const char *to_device_id = nullptr;
};

struct SdpOutcome {
  bool rejected = false;
  uint32_t status = 0;   ///< when rejected
  std::string body;      ///< the body to forward
};

/// Pass `body` through the SDP hooks (no hooks: returned unchanged, nothing copied twice).
SdpOutcome filter_sdp(const HookChains &chains, const SdpContext &ctx, std::string_view body);

/// True when some active module hooks SDP (so callers can skip the work).
bool has_sdp_hooks(const HookChains &chains);

}  // namespace lineside::kernel
