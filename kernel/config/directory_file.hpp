// config/directory_file.hpp: reading the provisioned devices from the directory file (kernel.directory_file).
#pragma once

#include <string>
#include <vector>

namespace lineside::kernel {

/// One provisioned device as written in the directory file.
struct DeviceSpec {
  std::string id;           ///< unique, [A-Za-z0-9._-]+
  std::string user;         ///< digest / SIP user name, unique
  std::string dn;           ///< main directory number (digits, '*', '#'), unique
  std::string display_name;
  std::string password;     ///< clear text, may be empty; the caller derives HA1s and discards it
  std::string ha1_md5;      ///< 32 lowercase hex digits, or empty
  std::string ha1_sha256;   ///< 64 lowercase hex digits, or empty
  bool auth = true;         ///< digest authentication required
  std::string device_type = "generic-sip";
  std::vector<std::string> additional_dns; ///< line DNs; never another device's main DN
  std::string forward_always;              ///< call forward targets (DNs); empty = off
  std::string forward_busy;
  std::string forward_no_answer;
  uint32_t forward_no_answer_timeout_s = 20;
};

/**
 * Read `path`: a map with `devices:`, a list of device maps. Checks keys and types, id/user/dn
 * characters, HA1 formats, that id, user and main dn are unique, that additional DNs are not another
 * device's main DN (nor repeated on one device), and that a device with auth on has a password or
 * an HA1. Throws ConfigException with every error (`file:line:column: devices[i].key: message`).
 */
std::vector<DeviceSpec> load_directory_file(const std::string &path);

} // namespace lineside::kernel
