// provisioning/licences.hpp: IP User and Single Line User licence counts, what the devices use,
// and the check that refuses a change needing a licence that is not there.
#pragma once

#include <cstdint>
#include <vector>

#include "directory/device.hpp"
#include "provisioning/field_error.hpp"

namespace lineside::kernel {

/// Available licences (kernel.licences in the configuration).
struct LicenceCounts {
  uint32_t ip_users = 0;
  uint32_t single_line_users = 0;
};

/// Licences in use: a Single Line Phone takes a Single Line User licence, every other device an
/// IP User licence.
struct LicenceUsage {
  uint32_t ip_users = 0;
  uint32_t single_line_users = 0;
};

LicenceUsage licence_usage(const std::vector<Device> &devices);

/// Refuses (409, field licences.<type>, rule licence_exhausted, with in_use/available/needed) when
/// `after` needs more of a licence type than there is and more than `before` did (a change that
/// does not add to an over-subscription, e.g. after the counts were lowered, is allowed).
void check_licences(const LicenceCounts &available, const LicenceUsage &before,
                    const LicenceUsage &after, Refusal &refusal);

}  // namespace lineside::kernel
