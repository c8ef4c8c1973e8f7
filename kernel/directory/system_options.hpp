// directory/system_options.hpp: system-wide options read by later modules (SRTP, 911, SMDR).
#pragma once

#include <string>
#include <vector>

namespace lineside::kernel {

struct SystemOptions {
  bool srtp_enabled = false;  ///< "Voice/Video SRTP Encryption Enabled"
  std::string default_cesid;  ///< 7-12 digits, or "" for none
  std::vector<std::string> emergency_numbers{"911"};
  bool smdr_internal = false;
  bool smdr_external = true;
  bool smdr_extended_digits = false;
  bool smdr_ani_dnis = false;
  bool smdr_24h_clock = true;
  std::string smdr_system_id = "000";
  bool operator==(const SystemOptions &) const = default;
};

}  // namespace lineside::kernel
