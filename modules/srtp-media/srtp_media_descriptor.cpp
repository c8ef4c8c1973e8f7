// srtp-media/srtp_media_descriptor.cpp: the module descriptor and the SDP hook's trampoline (the
// hook needs its payload, which plugin.hpp's Request-based trampoline does not pass).
#include "srtp_media_descriptor.hpp"

#include "srtp_media_module.hpp"

namespace lineside::media {
namespace {

uint32_t sdp_hook(void *instance, const ls_hook_args_t *args) noexcept {
  auto *self = static_cast<SrtpMediaModule *>(static_cast<ModuleBase *>(instance));
  const auto *sdp = args ? static_cast<const ls_sdp_args_t *>(args->payload) : nullptr;
  if (!LS_HAS_FIELD(sdp, ls_sdp_args_t, edit) || sdp->edit == nullptr) return LS_VERDICT_ERROR;
  try {
    return self->on_sdp(*sdp);
  } catch (...) {  // on_sdp refuses by itself on std::exception; this is the last barrier
    self->host().raw()->sdp_reject(sdp->edit, 500);
    return LS_VERDICT_STOP;
  }
}

const ls_hook_decl_t kHooks[] = {
    {sizeof(ls_hook_decl_t), LS_HOOK_SDP, "sdp", 500, nullptr, &sdp_hook},
};

const ls_observer_decl_t kObservers[] = {
    observer<SrtpMediaModule, &SrtpMediaModule::on_call_event>(LS_EVENT_CALL),
};

const ls_requirement_t kRequirements[] = {
    requirement(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<SrtpMediaModule>(
             "srtp-media", "1.0.0",
             "media anchoring with SRTP (RFC 3711, SDES RFC 4568) <-> RTP interworking per leg")
      .config(srtp_media_config_fields(), srtp_media_config_field_count())
      .hooks(kHooks)
      .observers(kObservers)
      .required(kRequirements)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &srtp_media_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::media
