// provisioning/provisioning_ops.cpp: device, line DN, profile, option and import operations.
#include "provisioning/provisioning_ops.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>
#include <set>

#include "provisioning/device_json.hpp"
#include "provisioning/device_rules.hpp"
#include "provisioning/json_fields.hpp"
#include "provisioning/profile_json.hpp"
#include "provisioning/text_rules.hpp"

namespace lineside::kernel {

namespace {

OpResult refused(unsigned status, const std::string &field, const std::string &rule,
                 const std::string &message) {
  OpResult r;
  r.refusal.add(status, {field, rule, message, {}});
  return r;
}

Device *find(std::vector<Device> &devices, const std::string &id) {
  for (Device &d : devices) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

/// Cross-device checks and licences on a candidate `next`; sorts devices by id.
void finish(const DirectoryData &now, const OpContext &ctx, OpResult &r, const std::set<std::string> &changed,
            const std::function<std::string(const std::string &)> &prefix_of) {
  std::sort(r.next.devices.begin(), r.next.devices.end(),
            [](const Device &a, const Device &b) { return a.id < b.id; });
  if (r.refusal.refused()) return;
  check_unique(r.next.devices, changed, prefix_of, r.refusal);
  check_licences(ctx.licences, licence_usage(now.devices), licence_usage(r.next.devices), r.refusal);
}

std::string no_prefix(const std::string &) { return ""; }

OpResult device_result(OpResult r, const std::string &id, unsigned status) {
  if (r.refusal.refused()) return r;
  r.status = status;
  for (const Device &d : r.next.devices) {
    if (d.id == id) r.body = device_view(d);
  }
  return r;
}

}  // namespace

Poco::JSON::Object::Ptr device_view(const Device &device) {
  return device_api_json(device, Directory::effective_profile_id(device));
}

OpResult op_create_device(const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in) {
  OpResult r;
  r.next = now;
  Device d;
  d.realm = ctx.realm;
  CredentialInput creds;
  read_device_json(in, "", DeviceJsonMode::create, d, creds, r.refusal);
  if (r.refusal.refused()) return r;
  for (const char *required : {"id", "user", "dn"}) {
    if (!in.has(required)) r.refusal.add(400, {required, "required", std::string(required) + ": required", {}});
  }
  if (r.refusal.refused()) return r;
  apply_credentials(d, nullptr, creds, "", r.refusal);
  check_device(d, nullptr, "", r.refusal);
  const std::string id = d.id;
  r.next.devices.push_back(std::move(d));
  finish(now, ctx, r, {id}, no_prefix);
  return device_result(std::move(r), id, 201);
}

OpResult op_patch_device(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                         const Poco::JSON::Object &in) {
  OpResult r;
  r.next = now;
  Device *d = find(r.next.devices, id);
  if (!d) return refused(404, "id", "not_found", "no device '" + id + "'");
  const Device before = *d;
  CredentialInput creds;
  read_device_json(in, "", DeviceJsonMode::patch, *d, creds, r.refusal);
  if (in.has("id")) r.refusal.add(400, {"id", "read_only", "id: cannot be changed (delete and add instead)", {}});
  if (r.refusal.refused()) return r;
  d->realm = ctx.realm;
  apply_credentials(*d, &before, creds, "", r.refusal);
  check_device(*d, &before, "", r.refusal);
  finish(now, ctx, r, {id}, no_prefix);
  return device_result(std::move(r), id, 200);
}

OpResult op_delete_device(const DirectoryData &now, const std::string &id) {
  OpResult r;
  r.next = now;
  const auto it = std::find_if(r.next.devices.begin(), r.next.devices.end(),
                               [&](const Device &d) { return d.id == id; });
  if (it == r.next.devices.end()) return refused(404, "id", "not_found", "no device '" + id + "'");
  r.body = device_view(*it);
  r.next.devices.erase(it);
  return r;
}

OpResult op_add_line_dn(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                        const Poco::JSON::Object &in) {
  OpResult r;
  r.next = now;
  Device *d = find(r.next.devices, id);
  if (!d) return refused(404, "id", "not_found", "no device '" + id + "'");
  const Device before = *d;
  FieldReader f(in, "", r.refusal);
  std::string dn;
  if (!f.text("dn", dn) && !r.refusal.refused()) r.refusal.add(400, {"dn", "required", "dn: required", {}});
  f.refuse_unknown();
  if (r.refusal.refused()) return r;
  d->additional_dns.push_back(dn);
  check_device(*d, &before, "", r.refusal);
  finish(now, ctx, r, {id}, no_prefix);
  return device_result(std::move(r), id, 201);
}

OpResult op_remove_line_dn(const DirectoryData &now, const OpContext &ctx, const std::string &id,
                           const std::string &dn) {
  OpResult r;
  r.next = now;
  Device *d = find(r.next.devices, id);
  if (!d) return refused(404, "id", "not_found", "no device '" + id + "'");
  if (dn == d->dn) return refused(409, "dn", "main_dn", "dn: '" + dn + "' is the main DN; change dn instead");
  const auto n = std::erase(d->additional_dns, dn);
  if (n == 0) return refused(404, "dn", "not_found", "dn: '" + dn + "' is not a line DN of '" + id + "'");
  finish(now, ctx, r, {id}, no_prefix);
  return device_result(std::move(r), id, 200);
}

OpResult op_patch_profile(const DirectoryData &now, uint32_t id, const Poco::JSON::Object &in) {
  if (builtin_profile(id)) {
    return refused(409, "id", "read_only", "profile " + std::to_string(id) + " is built-in and read-only");
  }
  if (id < 1 || id > kUserProfileMax) return refused(404, "id", "not_found", "no profile " + std::to_string(id));
  OpResult r;
  r.next = now;
  read_profile_json(in, "", r.next.profiles[id - 1], r.refusal);
  r.body = profile_json(r.next.profiles[id - 1]);
  return r;
}

OpResult op_reset_profile(const DirectoryData &now, uint32_t id) {
  if (builtin_profile(id)) {
    return refused(409, "id", "read_only", "profile " + std::to_string(id) + " is built-in and read-only");
  }
  if (id < 1 || id > kUserProfileMax) return refused(404, "id", "not_found", "no profile " + std::to_string(id));
  OpResult r;
  r.next = now;
  r.next.profiles[id - 1] = default_user_profile(id);
  r.body = profile_json(r.next.profiles[id - 1]);
  return r;
}

OpResult op_patch_options(const DirectoryData &now, const Poco::JSON::Object &in) {
  OpResult r;
  r.next = now;
  read_options_json(in, "", r.next.options, r.refusal);
  r.body = options_json(r.next.options);
  return r;
}

OpResult op_import(const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in) {
  OpResult r;
  r.next = now;
  FieldReader top(in, "", r.refusal);
  Poco::JSON::Array::Ptr devices = top.array("devices");
  Poco::JSON::Array::Ptr profiles = top.array("profiles");
  Poco::JSON::Object::Ptr options = top.object("options");
  top.refuse_unknown();
  if (r.refusal.refused()) return r;
  std::map<std::string, std::string> prefix_by_id;
  size_t created = 0, updated = 0, unchanged = 0;
  for (size_t i = 0; devices && i < devices->size(); ++i) {
    const std::string prefix = "devices[" + std::to_string(i) + "].";
    Poco::JSON::Object::Ptr item = devices->getObject(static_cast<unsigned>(i));
    if (!item) {
      r.refusal.add(400, {prefix.substr(0, prefix.size() - 1), "type", prefix + " expected an object", {}});
      continue;
    }
    Device d;
    d.realm = ctx.realm;
    CredentialInput creds;
    read_device_json(*item, prefix, DeviceJsonMode::create, d, creds, r.refusal);
    if (!item->has("id") || !item->has("user") || !item->has("dn")) {
      r.refusal.add(400, {prefix + "id", "required", prefix + "id, user and dn are required", {}});
      continue;
    }
    if (!prefix_by_id.emplace(d.id, prefix).second) {
      r.refusal.add(409, {prefix + "id", "duplicate", prefix + "id: '" + d.id + "' is listed twice", {}});
      continue;
    }
    Device *existing = find(r.next.devices, d.id);
    apply_credentials(d, nullptr, creds, prefix, r.refusal);
    check_device(d, existing, prefix, r.refusal);
    if (!existing) {
      ++created;
      r.next.devices.push_back(std::move(d));
    } else {
      ++(*existing == d ? unchanged : updated);
      *existing = std::move(d);
    }
  }
  for (size_t i = 0; profiles && i < profiles->size(); ++i) {
    const std::string prefix = "profiles[" + std::to_string(i) + "].";
    Poco::JSON::Object::Ptr item = profiles->getObject(static_cast<unsigned>(i));
    if (!item || !item->has("id") || !item->get("id").isInteger()) {
      r.refusal.add(400, {prefix + "id", "required", prefix + "id: an integer 1-64 is required", {}});
      continue;
    }
    const int64_t id = item->get("id").convert<int64_t>();
    if (id < 1 || id > static_cast<int64_t>(kUserProfileMax)) {
      r.refusal.add(422, {prefix + "id", "range", prefix + "id: user profiles are 1-64", {}});
      continue;
    }
    CapabilityProfile p = default_user_profile(static_cast<uint32_t>(id));
    Poco::JSON::Object copy(*item);
    copy.remove("id");
    copy.remove("builtin");
    read_profile_json(copy, prefix, p, r.refusal);
    r.next.profiles[static_cast<size_t>(id - 1)] = p;
  }
  if (options) {
    SystemOptions o;
    read_options_json(*options, "options.", o, r.refusal);
    r.next.options = o;
  }
  std::set<std::string> changed;
  for (const auto &[id, prefix] : prefix_by_id) changed.insert(id);
  finish(now, ctx, r, changed, [&](const std::string &id) {
    auto it = prefix_by_id.find(id);
    return it == prefix_by_id.end() ? std::string() : it->second;
  });
  r.body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  r.body->set("created", created);
  r.body->set("updated", updated);
  r.body->set("unchanged", unchanged);
  return r;
}

}  // namespace lineside::kernel
