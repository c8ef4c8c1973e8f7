// directory/device_types.hpp: the device types a device may have, and the built-in capability
// profile each one links to by default.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace lineside::kernel {

struct DeviceType {
  std::string_view name;   ///< API value ("generic-sip", "5505", ...)
  std::string_view label;  ///< what an administrator reads ("Generic SIP Phone")
  uint32_t builtin_profile;
};

inline constexpr std::string_view kGenericSip = "generic-sip";

std::span<const DeviceType> device_types();
/// The type named `name`, or nullptr.
const DeviceType *find_device_type(std::string_view name);
/// "generic-sip|5302|..." for error messages.
std::string_view device_type_names();

}  // namespace lineside::kernel
