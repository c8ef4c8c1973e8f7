// provisioning/device_rules.hpp: the rules a device must keep: value formats, device types and
// profiles, credentials, the Single Line Phone rules, and uniqueness across the directory.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "directory/device.hpp"
#include "provisioning/device_json.hpp"
#include "provisioning/field_error.hpp"

namespace lineside::kernel {

/// The Mitel error text for a Single Line Phone whose device type is not Generic SIP Phone.
inline constexpr const char *kInvalidSingleLineType = "Invalid Device Type for Single Line Phone";

/// Turn `credentials` into HA1 values for device.user@device.realm (a password gives both). With
/// no new credentials, a changed SIP user is refused (the stored HA1s contain the old user).
void apply_credentials(Device &device, const Device *before, const CredentialInput &credentials,
                       const std::string &prefix, Refusal &refusal);

/// Rules of one device on its own; `before` is the stored device for an update, else null.
void check_device(const Device &device, const Device *before, const std::string &prefix,
                  Refusal &refusal);

/// Ids, SIP users and main DNs unique; a main DN never another device's line DN. Reports only
/// problems of devices in `changed`, naming fields with prefix_of(device id).
void check_unique(const std::vector<Device> &devices, const std::set<std::string> &changed,
                  const std::function<std::string(const std::string &)> &prefix_of, Refusal &refusal);

}  // namespace lineside::kernel
