// provisioning/device_rules.cpp: device rules (formats, Single Line Phone, uniqueness).
#include "provisioning/device_rules.hpp"

#include <map>

#include "directory/capability_profile.hpp"
#include "directory/device_types.hpp"
#include "directory/ha1.hpp"
#include "provisioning/text_rules.hpp"

namespace lineside::kernel {

namespace {
void rule(Refusal &r, const std::string &prefix, const std::string &field, const std::string &name,
          const std::string &message, unsigned status = 422) {
  r.add(status, {prefix + field, name, prefix + field + ": " + message, {}});
}

void check_single_line(const Device &d, const Device *before, const std::string &prefix, Refusal &r) {
  if (!d.single_line) return;
  const bool was_single_line = before && before->single_line;
  if (d.device_type != kGenericSip) {
    if (d.device_type == "5505" && !was_single_line) {
      rule(r, prefix, "device_type", "single_line_5505",
           "The 5505 SIP device does not support Single Line Phone configuration");
    } else {
      rule(r, prefix, "device_type", "single_line_device_type", kInvalidSingleLineType);
    }
  }
  if (d.service_level != ServiceLevel::full) {
    rule(r, prefix, "service_level", "single_line_basic",
         "a Single Line Phone must have Full service level (Basic is not allowed)");
  }
  if (!d.additional_dns.empty()) {
    rule(r, prefix, "additional_dns", "single_line_one_line",
         "a Single Line Phone has exactly one line appearance: no additional line DNs");
  }
}

void check_dn_field(const std::string &value, const std::string &own_dn, const std::string &prefix,
                    const std::string &field, Refusal &r) {
  if (value.empty()) return;
  if (!valid_dn(value)) rule(r, prefix, field, "format", "expected 1-20 digits, '*' or '#'");
  else if (value == own_dn) rule(r, prefix, field, "not_own_dn", "must not be the device's own DN");
}
}  // namespace

void apply_credentials(Device &d, const Device *before, const CredentialInput &c,
                       const std::string &prefix, Refusal &r) {
  if (c.password) {
    d.ha1_md5 = ha1_md5(d.user, d.realm, *c.password);
    d.ha1_sha256 = ha1_sha256(d.user, d.realm, *c.password);
  } else if (c.ha1_md5 || c.ha1_sha256) {
    d.ha1_md5 = c.ha1_md5.value_or("");
    d.ha1_sha256 = c.ha1_sha256.value_or("");
  } else if (before && before->user != d.user && (!d.ha1_md5.empty() || !d.ha1_sha256.empty())) {
    rule(r, prefix, "user", "credentials_stale",
         "changing the SIP user needs a new password or HA1 values (an HA1 includes the user name)");
  }
}

void check_device(const Device &d, const Device *before, const std::string &prefix, Refusal &r) {
  if (!valid_id(d.id)) rule(r, prefix, "id", "format", "expected 1-64 letters, digits, '.', '_' or '-'");
  if (!valid_sip_user(d.user)) rule(r, prefix, "user", "format", "expected 1-64 letters, digits or -_.!~*'()&=+$,");
  if (!valid_dn(d.dn)) rule(r, prefix, "dn", "format", "expected 1-20 digits, '*' or '#'");
  if (d.display_name.size() > 64 || !printable(d.display_name)) {
    rule(r, prefix, "display_name", "format", "at most 64 characters, no control characters");
  }
  if (!find_device_type(d.device_type)) {
    rule(r, prefix, "device_type", "unknown_type",
         "unknown device type '" + d.device_type + "' (expected " + std::string(device_type_names()) + ")");
  }
  if (d.profile != 0 && d.profile > kUserProfileMax && !builtin_profile(d.profile)) {
    rule(r, prefix, "profile", "unknown_profile",
         "no profile " + std::to_string(d.profile) + " (0 = the device type's built-in, 1-64, or a built-in number)");
  }
  if (!d.cesid.empty() && !valid_cesid(d.cesid)) rule(r, prefix, "cesid", "format", "expected 7 to 12 digits");
  if (!d.voicemail_box.empty() && !valid_dn(d.voicemail_box)) {
    rule(r, prefix, "voicemail_box", "format", "expected 1-20 digits, '*' or '#'");
  }
  check_dn_field(d.forward.always, d.dn, prefix, "forward_always", r);
  check_dn_field(d.forward.busy, d.dn, prefix, "forward_busy", r);
  check_dn_field(d.forward.no_answer, d.dn, prefix, "forward_no_answer", r);
  for (size_t i = 0; i < d.additional_dns.size(); ++i) {
    const std::string field = "additional_dns[" + std::to_string(i) + "]";
    const std::string &dn = d.additional_dns[i];
    check_dn_field(dn, d.dn, prefix, field, r);
    for (size_t j = 0; j < i; ++j) {
      if (d.additional_dns[j] == dn) rule(r, prefix, field, "repeated", "'" + dn + "' is listed twice");
    }
  }
  if (d.auth_enabled && d.ha1_md5.empty() && d.ha1_sha256.empty()) {
    rule(r, prefix, "password", "credentials_required",
         "authentication is on: give a password, ha1_md5 or ha1_sha256 (or set auth to false)");
  }
  check_single_line(d, before, prefix, r);
}

void check_unique(const std::vector<Device> &devices, const std::set<std::string> &changed,
                  const std::function<std::string(const std::string &)> &prefix_of, Refusal &r) {
  std::multimap<std::string, const Device *> ids, users, mains;
  std::multimap<std::string, const Device *> lines;
  for (const Device &d : devices) {
    ids.emplace(d.id, &d);
    users.emplace(d.user, &d);
    mains.emplace(d.dn, &d);
    for (const auto &dn : d.additional_dns) lines.emplace(dn, &d);
  }
  auto other = [](const std::multimap<std::string, const Device *> &index, const std::string &key,
                  const Device *self) -> const Device * {
    auto [lo, hi] = index.equal_range(key);
    for (auto it = lo; it != hi; ++it) {
      if (it->second != self) return it->second;
    }
    return nullptr;
  };
  std::set<std::string> reported_ids;
  for (const Device &d : devices) {
    if (!changed.count(d.id)) continue;
    const std::string prefix = prefix_of(d.id);
    if (ids.count(d.id) > 1 && reported_ids.insert(d.id).second) rule(r, prefix, "id", "duplicate", "device '" + d.id + "' already exists", 409);
    if (const Device *o = other(users, d.user, &d)) {
      rule(r, prefix, "user", "duplicate", "SIP user '" + d.user + "' belongs to device '" + o->id + "'", 409);
    }
    if (const Device *o = other(mains, d.dn, &d)) {
      rule(r, prefix, "dn", "duplicate", "DN '" + d.dn + "' is the main DN of device '" + o->id + "'", 409);
    } else if (const Device *o2 = other(lines, d.dn, &d)) {
      rule(r, prefix, "dn", "duplicate", "DN '" + d.dn + "' is a line DN of device '" + o2->id + "'", 409);
    }
    for (size_t i = 0; i < d.additional_dns.size(); ++i) {
      if (const Device *o = other(mains, d.additional_dns[i], &d)) {
        rule(r, prefix, "additional_dns[" + std::to_string(i) + "]", "duplicate",
             "DN '" + d.additional_dns[i] + "' is the main DN of device '" + o->id + "'", 409);
      }
    }
  }
}

}  // namespace lineside::kernel
