// directory/capability_profile.cpp: factory defaults and the built-in profile per device type.
#include "directory/capability_profile.hpp"

#include <vector>

#include "directory/device_types.hpp"

namespace lineside::kernel {

namespace {
std::vector<CapabilityProfile> make_builtins() {
  std::vector<CapabilityProfile> out;
  for (const DeviceType &t : device_types()) {
    CapabilityProfile p;
    p.id = t.builtin_profile;
    p.builtin = true;
    p.comment = std::string(t.name.substr(0, kProfileCommentMax));
    // Ascom DECT/Wi-Fi handsets do transfer and conference themselves and put 0.0.0.0 in SDP
    // hold unless told otherwise; the 5505 needs no PRACK.
    const bool handset = t.name.size() == 4 && t.name[0] == '5' && t.name[1] == '6';
    if (handset) {
      p.device_based_in_call_features = true;
      p.prevent_ip_0000_hold = true;
    }
    if (t.name == "5505") p.enable_prack = false;
    out.push_back(std::move(p));
  }
  return out;
}
}  // namespace

CapabilityProfile default_user_profile(uint32_t id) {
  CapabilityProfile p;
  p.id = id;
  return p;
}

std::span<const CapabilityProfile> builtin_profiles() {
  static const std::vector<CapabilityProfile> kBuiltins = make_builtins();
  return kBuiltins;
}

const CapabilityProfile *builtin_profile(uint32_t id) {
  for (const CapabilityProfile &p : builtin_profiles()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const char *call_park_name(CallParkMethod m) {
  switch (m) {
    case CallParkMethod::refer: return "refer";
    case CallParkMethod::none: return "none";
    case CallParkMethod::system: break;
  }
  return "system";
}

bool call_park_from_name(const std::string &name, CallParkMethod &out) {
  if (name == "system") out = CallParkMethod::system;
  else if (name == "refer") out = CallParkMethod::refer;
  else if (name == "none") out = CallParkMethod::none;
  else return false;
  return true;
}

}  // namespace lineside::kernel
