// provisioning/licences.cpp: licence usage and exhaustion.
#include "provisioning/licences.hpp"

#include <string>

namespace lineside::kernel {

LicenceUsage licence_usage(const std::vector<Device> &devices) {
  LicenceUsage u;
  for (const Device &d : devices) ++(d.single_line ? u.single_line_users : u.ip_users);
  return u;
}

namespace {
void check_one(const char *key, const char *label, uint32_t available, uint32_t before, uint32_t after,
               Refusal &refusal) {
  if (after <= available || after <= before) return;
  const std::string message = std::string("no ") + label + " licence available: " +
                              std::to_string(before) + " of " + std::to_string(available) +
                              " in use, this change needs " + std::to_string(after);
  refusal.add(409, {std::string("licences.") + key, "licence_exhausted", message,
                    {{"in_use", before}, {"available", available}, {"needed", after}}});
}
}  // namespace

void check_licences(const LicenceCounts &available, const LicenceUsage &before,
                    const LicenceUsage &after, Refusal &refusal) {
  check_one("ip_users", "IP User", available.ip_users, before.ip_users, after.ip_users, refusal);
  check_one("single_line_users", "Single Line User", available.single_line_users,
            before.single_line_users, after.single_line_users, refusal);
}

}  // namespace lineside::kernel
