// provisioning/provisioning_ops.hpp: every provisioning write as a pure function from the current
// directory to the next one (or a refusal naming fields and rules). Nothing here does I/O.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "directory/directory.hpp"
#include "provisioning/field_error.hpp"
#include "provisioning/licences.hpp"

namespace lineside::kernel {

/// What every operation needs besides the directory.
struct OpContext {
  std::string realm;  ///< digest realm HA1 values are computed for (kernel.sip_domain)
  LicenceCounts licences;
};

/// The next directory and the success body, or a refusal (then `next` is meaningless).
struct OpResult {
  DirectoryData next;
  Refusal refusal;
  unsigned status = 200;
  Poco::JSON::Object::Ptr body;
};

OpResult op_create_device(const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in);
OpResult op_patch_device(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                         const Poco::JSON::Object &in);
OpResult op_delete_device(const DirectoryData &now, const std::string &id);
OpResult op_add_line_dn(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                        const Poco::JSON::Object &in);
OpResult op_remove_line_dn(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                           const std::string &dn);
/// PATCH of user profile 1..64 (built-ins are read-only: 409).
OpResult op_patch_profile(const DirectoryData &now, uint32_t id, const Poco::JSON::Object &in);
/// Back to factory defaults.
OpResult op_reset_profile(const DirectoryData &now, uint32_t id);
OpResult op_patch_options(const DirectoryData &now, const Poco::JSON::Object &in);
/**
 * Bulk import {"devices": [...], "profiles": [...], "options": {...}} (each part optional): every
 * listed device is created or replaced whole (unlisted fields take defaults), listed profiles and
 * the options replace theirs; devices not listed stay. Importing the same bundle twice changes
 * nothing the second time. All or nothing.
 */
OpResult op_import(const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in);

/// The device JSON as the API shows it.
Poco::JSON::Object::Ptr device_view(const Device &device);

}  // namespace lineside::kernel
