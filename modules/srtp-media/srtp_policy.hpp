// srtp-media/srtp_policy.hpp: the per-leg SRTP mode (AVP only / SRTP optional / SRTP mandatory)
// and how it follows from the system switch, the device's profile and the module config.
#pragma once

#include <optional>
#include <string_view>

namespace lineside::media {

enum class SrtpMode {
  avp_only,   ///< never offered SRTP; an RTP/SAVP offer from it is refused (488)
  optional,   ///< offered RTP/AVP with a=crypto (a plain phone can still answer); either answer
  mandatory,  ///< offered RTP/SAVP; a plain answer or a plain offer from it is refused (488)
};

[[nodiscard]] const char *mode_name(SrtpMode mode);
[[nodiscard]] std::optional<SrtpMode> mode_from_name(std::string_view name);

/// What one leg gets.
struct LegPolicy {
  SrtpMode mode = SrtpMode::avp_only;
  /// The signalling towards this leg may carry SDES keys (TLS, or the lab exception). Only
  /// known for the receiving leg of an SDP; assumed true for the sender until its answer.
  bool keys_allowed = false;
};

/// Inputs of the mode decision for one leg.
struct ModeInputs {
  bool srtp_enabled = false;     ///< system option "Voice/Video SRTP Encryption Enabled"
  bool is_device = false;        ///< false for a trunk leg (no device id)
  bool profile_avp_only = true;  ///< the device's capability profile says AVP Only Device
  std::optional<SrtpMode> device_override;     ///< device_modes entry for this device
  SrtpMode default_mode = SrtpMode::optional;  ///< devices not AVP only, without an entry
  SrtpMode trunk_mode = SrtpMode::avp_only;    ///< legs without a device
};

/// System switch off -> avp_only for everyone. A device: its profile's AVP Only -> avp_only,
/// else its device_modes entry, else default_mode. A trunk: trunk_mode.
[[nodiscard]] SrtpMode resolve_mode(const ModeInputs &in);

}  // namespace lineside::media
