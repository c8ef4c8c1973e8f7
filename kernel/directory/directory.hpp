// directory/directory.hpp: the kernel-owned directory of provisioned devices (credentials as HA1
// only) and the lineside.directory/1 provider that exposes it to modules.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lineside/providers/directory.h"

namespace lineside::kernel {

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
};

/// Devices indexed by SIP user and DN. Replaced whole on reload. SIP thread only.
class Directory {
 public:
  void replace(std::vector<Device> devices);
  [[nodiscard]] const Device *by_user(std::string_view user) const;
  [[nodiscard]] const Device *by_dn(std::string_view dn) const;
  /// Every device on which `dn` appears, as main DN first, then as an additional line DN.
  [[nodiscard]] std::vector<const Device *> devices_for_dn(std::string_view dn) const;
  [[nodiscard]] size_t size() const { return devices_.size(); }
  /// The provider table; pass `this` as its self.
  static const ls_directory_v1_t *provider_table();

 private:
  std::vector<Device> devices_;
  std::unordered_map<std::string, size_t> by_user_;
  std::unordered_map<std::string, size_t> by_dn_;
};

}  // namespace lineside::kernel
