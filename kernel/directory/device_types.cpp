// directory/device_types.cpp: the table of device types (Mitel models from the seed and the
// SIP Device Capabilities pre-configured list, DECT and Wi-Fi handsets included).
#include "directory/device_types.hpp"

#include "directory/capability_profile.hpp"

namespace lineside::kernel {

namespace {
constexpr DeviceType kTypes[] = {
    {kGenericSip, "Generic SIP Phone", kBuiltinProfileBase + 0},
    {"5302", "5302 IP Phone", kBuiltinProfileBase + 1},
    {"5505", "5505 SIP Phone", kBuiltinProfileBase + 2},
    {"5603", "5603 DECT/Wi-Fi handset", kBuiltinProfileBase + 3},
    {"5604", "5604 DECT/Wi-Fi handset", kBuiltinProfileBase + 4},
    {"5607", "5607 DECT/Wi-Fi handset", kBuiltinProfileBase + 5},
    {"5610", "5610 IP DECT handset", kBuiltinProfileBase + 6},
    {"5613", "5613 IP DECT handset", kBuiltinProfileBase + 7},
    {"5614", "5614 IP DECT handset", kBuiltinProfileBase + 8},
    {"5624", "5624 Wi-Fi handset", kBuiltinProfileBase + 9},
    {"5634", "5634 Wi-Fi handset", kBuiltinProfileBase + 10},
    {"uc-endpoint", "UC Endpoint", kBuiltinProfileBase + 11},
};
}  // namespace

std::span<const DeviceType> device_types() { return kTypes; }

const DeviceType *find_device_type(std::string_view name) {
  for (const DeviceType &t : kTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string_view device_type_names() {
  return "generic-sip|5302|5505|5603|5604|5607|5610|5613|5614|5624|5634|uc-endpoint";
}

}  // namespace lineside::kernel
