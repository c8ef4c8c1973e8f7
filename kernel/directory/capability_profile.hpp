// directory/capability_profile.hpp: SIP Device Capabilities profiles: the fields, the factory
// defaults, and the read-only built-in profile of each device type.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "lineside/providers/capabilities.h"

namespace lineside::kernel {

enum class CallParkMethod : uint32_t {
  system = LS_CALL_PARK_SYSTEM,
  refer = LS_CALL_PARK_REFER,
  none = LS_CALL_PARK_NONE,
};

/// One profile. User profiles are 1..64 and start from these factory defaults.
struct CapabilityProfile {
  uint32_t id = 0;
  bool builtin = false;
  std::string comment;  ///< at most 15 characters
  std::string outbound_proxy;
  bool device_based_in_call_features = false;
  bool digit_collection_busy_alerting = false;
  bool distinctive_ring_tones = false;
  CallParkMethod call_park_method = CallParkMethod::system;
  bool allow_display_update = true;
  bool prevent_ip_0000_hold = false;
  bool avp_only = true;  ///< seed: the default, so SRTP-offering phones are not broken
  bool enable_prack = true;
  bool use_pai = true;
  uint32_t session_timer_s = 0;
  bool force_sdp_in_initial_invite = false;
  bool one_offer_answer_per_invite = false;
  bool operator==(const CapabilityProfile &) const = default;
};

inline constexpr uint32_t kUserProfileMax = LS_USER_PROFILE_MAX;
inline constexpr uint32_t kBuiltinProfileBase = LS_BUILTIN_PROFILE_BASE;
inline constexpr size_t kProfileCommentMax = 15;

/// Factory defaults for user profile `id`.
CapabilityProfile default_user_profile(uint32_t id);
/// The built-in profiles, one per device type, in device_types() order.
std::span<const CapabilityProfile> builtin_profiles();
/// A built-in profile by number, or nullptr.
const CapabilityProfile *builtin_profile(uint32_t id);
/// "system" | "refer" | "none", and back (false for an unknown name).
const char *call_park_name(CallParkMethod m);
bool call_park_from_name(const std::string &name, CallParkMethod &out);

}  // namespace lineside::kernel
