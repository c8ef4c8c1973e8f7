// provisioning/profile_json.hpp: SIP Device Capabilities profiles and system options as JSON,
// both ways, with their value rules.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "directory/capability_profile.hpp"
#include "directory/system_options.hpp"
#include "provisioning/field_error.hpp"

namespace lineside::kernel {

/// Apply the fields present in `object` onto `profile` ("id" and "builtin" are not writable).
void read_profile_json(const Poco::JSON::Object &object, const std::string &prefix,
                       CapabilityProfile &profile, Refusal &refusal);
Poco::JSON::Object::Ptr profile_json(const CapabilityProfile &profile);

/// Apply the fields present in `object` onto `options`.
void read_options_json(const Poco::JSON::Object &object, const std::string &prefix,
                       SystemOptions &options, Refusal &refusal);
Poco::JSON::Object::Ptr options_json(const SystemOptions &options);

}  // namespace lineside::kernel
