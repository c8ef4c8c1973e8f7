// srtp-media/srtp_policy.cpp: mode names and the mode decision.
#include "srtp_policy.hpp"

namespace lineside::media {

const char *mode_name(SrtpMode mode) {
  switch (mode) {
    case SrtpMode::avp_only:
      return "avp_only";
    case SrtpMode::optional:
      return "optional";
    case SrtpMode::mandatory:
      return "mandatory";
  }
  return "avp_only";
}

std::optional<SrtpMode> mode_from_name(std::string_view name) {
  if (name == "avp_only") return SrtpMode::avp_only;
  if (name == "optional") return SrtpMode::optional;
  if (name == "mandatory") return SrtpMode::mandatory;
  return std::nullopt;
}

SrtpMode resolve_mode(const ModeInputs &in) {
  if (!in.srtp_enabled) return SrtpMode::avp_only;
  if (!in.is_device) return in.trunk_mode;
  if (in.profile_avp_only) return SrtpMode::avp_only;
  return in.device_override.value_or(in.default_mode);
}

}  // namespace lineside::media
