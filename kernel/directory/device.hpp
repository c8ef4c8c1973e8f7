// directory/device.hpp: one provisioned device as the kernel keeps it (credentials as HA1 only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lineside::kernel {

enum class ServiceLevel { full, basic };

/// Call-forward settings of a device; empty targets are off.
struct CallForward {
  std::string always;
  std::string busy;
  std::string no_answer;
  uint32_t no_answer_timeout_s = 20;
  bool operator==(const CallForward &) const = default;
};

/// One provisioned device. Never holds a clear-text password.
struct Device {
  std::string id;
  std::string user;
  std::string dn;
  std::string display_name;
  std::string realm;
  std::string ha1_md5;
  std::string ha1_sha256;
  std::string device_type = "generic-sip";
  bool auth_enabled = true;
  std::vector<std::string> additional_dns;
  ServiceLevel service_level = ServiceLevel::full;
  bool single_line = false;
  uint32_t profile = 0;  ///< 0: the built-in profile of device_type; else 1..64
  std::string cesid;
  std::string voicemail_box;
  bool hot_desk = false;
  CallForward forward;
  bool operator==(const Device &) const = default;
};

}  // namespace lineside::kernel
