// directory/directory.hpp: the kernel-owned directory the SIP thread reads: devices (credentials
// as HA1 only), the 64 user capability profiles plus built-ins, and system options; indexed for
// cheap lookups, replaced whole by provisioning, and exposed to modules as lineside.directory/1
// and lineside.capabilities/1.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "directory/capability_profile.hpp"
#include "directory/device.hpp"
#include "directory/system_options.hpp"
#include "lineside/providers/capabilities.h"
#include "lineside/providers/directory.h"

namespace lineside::kernel {

/// Everything provisioning owns, as one value (the store holds it record by record).
struct DirectoryData {
  std::vector<Device> devices;  ///< in id order
  std::array<CapabilityProfile, kUserProfileMax> profiles;  ///< user profile n is profiles[n-1]
  SystemOptions options;
  DirectoryData();
  bool operator==(const DirectoryData &) const = default;
};

/// SIP thread only (the admin API reaches it through SipLoop::post).
class Directory {
 public:
  Directory() = default;
  Directory(const Directory &) = delete;
  Directory &operator=(const Directory &) = delete;
  void replace(DirectoryData data);
  /// Convenience for tests and the legacy file path: devices only, profiles and options default.
  void replace(std::vector<Device> devices);
  [[nodiscard]] const DirectoryData &data() const { return data_; }
  [[nodiscard]] const Device *by_user(std::string_view user) const;
  [[nodiscard]] const Device *by_dn(std::string_view dn) const;
  [[nodiscard]] const Device *by_id(std::string_view id) const;
  /// The device a call to `dn` goes to first: the main-DN owner, else the first device carrying
  /// it as an additional line DN.
  [[nodiscard]] const Device *by_line_dn(std::string_view dn) const;
  /// Every device a call to `dn` is delivered to: the main-DN owner first, then every device
  /// carrying `dn` as an additional line (in id order); the call engine forks to all of them.
  /// Empty for an unknown DN.
  [[nodiscard]] std::vector<const Device *> devices_for_dn(std::string_view dn) const;
  [[nodiscard]] size_t size() const { return data_.devices.size(); }
  /// User profile 1..64 or a built-in one; nullptr for other numbers.
  [[nodiscard]] const CapabilityProfile *profile(uint32_t id) const;
  /// The profile `device` links to (its own number, else its type's built-in). Never null.
  [[nodiscard]] const CapabilityProfile &profile_for(const Device &device) const;
  [[nodiscard]] const SystemOptions &options() const { return data_.options; }
  /// Effective profile number of a device (resolving 0 to its type's built-in).
  [[nodiscard]] static uint32_t effective_profile_id(const Device &device);

  /// The provider tables; pass `this` as their self.
  static const ls_directory_v1_t *provider_table();
  static const ls_capabilities_v1_t *capabilities_table();

 private:
  DirectoryData data_;
  std::unordered_map<std::string, size_t> by_user_;
  std::unordered_map<std::string, size_t> by_dn_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_line_dn_;
  std::vector<const char *> emergency_ptrs_;  ///< ls_system_options_t.emergency_numbers
  friend struct DirectoryProviderAccess;
};

}  // namespace lineside::kernel
