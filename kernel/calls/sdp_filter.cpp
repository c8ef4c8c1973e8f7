// calls/sdp_filter.cpp: SDP hook dispatch with replace/reject through the edit handle.
#include "calls/sdp_filter.hpp"

#include "host/hook_chains.hpp"

namespace lineside::kernel {

bool has_sdp_hooks(const HookChains &chains) {
  for (const auto &e : chains.chain(LS_HOOK_SDP)) {
    if (e.module->active) return true;
  }
  return false;
}

SdpOutcome filter_sdp(const HookChains &chains, const SdpContext &ctx, std::string_view body) {
  SdpOutcome out;
  if (!has_sdp_hooks(chains)) {
    out.body.assign(body);
    return out;
  }
  ls_sdp_edit edit;
  edit.body.assign(body);
  ls_sdp_args_t args{};
  args.size = sizeof args;
  args.kind = ctx.kind;
  args.call_id = ctx.call_id;
  args.from_side = ctx.from_side;
  args.to_side = ctx.to_side;
  args.leg_index = ctx.leg_index;
  args.to_transport = ctx.to_transport;
  args.from_transport = ctx.from_transport;
  args.from_device_id = ctx.from_device_id;
  args.to_device_id = ctx.to_device_id;
  args.edit = &edit;
  edit.args = &args;  // each hook sees the body as the previous one left it
  args.body = edit.body.c_str();
  args.body_len = edit.body.size();
  const uint32_t verdict = run_decision_chain(chains, LS_HOOK_SDP, nullptr, &args, nullptr);
  if (verdict == LS_VERDICT_STOP) {
    out.rejected = true;
    out.status = edit.reject_status ? edit.reject_status : 488;
    return out;
  }
  out.body = std::move(edit.body);
  return out;
}

}  // namespace lineside::kernel
