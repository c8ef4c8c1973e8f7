// provisioning/device_json.hpp: a device as API JSON (and as the store record), both ways.
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "directory/device.hpp"
#include "provisioning/field_error.hpp"

namespace lineside::kernel {

/// Credentials as written by an administrator; turned into HA1s by apply_credentials().
struct CredentialInput {
  std::optional<std::string> password;
  std::optional<std::string> ha1_md5;
  std::optional<std::string> ha1_sha256;
  [[nodiscard]] bool given() const { return password || ha1_md5 || ha1_sha256; }
};

/// How a JSON device is being read.
enum class DeviceJsonMode {
  create,  ///< POST / import: "id" is read
  patch,   ///< PATCH: "id" may not change (it is in the path)
  record,  ///< a store record: also "realm"
};

/// Apply the fields present in `object` onto `device` (absent ones keep their value); type and
/// format problems are 400s naming prefix+field; unknown fields are refused.
void read_device_json(const Poco::JSON::Object &object, const std::string &prefix, DeviceJsonMode mode,
                      Device &device, CredentialInput &credentials, Refusal &refusal);

/// The API view (no HA1 values; "credentials" says which exist; "effective_profile").
Poco::JSON::Object::Ptr device_api_json(const Device &device, uint32_t effective_profile);
/// The store record / export form: every field read_device_json reads, HA1 values included.
Poco::JSON::Object::Ptr device_record_json(const Device &device, bool with_realm);

const char *service_level_name(ServiceLevel level);

}  // namespace lineside::kernel
