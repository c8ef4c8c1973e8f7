// provisioning/store_records.cpp: directory <-> store records (JSON values).
#include "provisioning/store_records.hpp"

#include <Poco/JSON/Object.h>

#include <cstdio>
#include <map>
#include <stdexcept>

#include "provisioning/device_json.hpp"
#include "provisioning/json_fields.hpp"
#include "provisioning/profile_json.hpp"

namespace lineside::kernel {

namespace {
std::string profile_key(uint32_t id) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", id);
  return buf;
}

Poco::JSON::Object::Ptr parse_record(const char *ns, std::string_view key, std::string_view value) {
  Refusal r;
  Poco::JSON::Object::Ptr o = parse_json_object(std::string(value), r);
  if (!o) throw std::runtime_error(std::string("store record ") + ns + "/" + std::string(key) + " is not JSON");
  return o;
}

void must_be_clean(const Refusal &r, const char *ns, std::string_view key) {
  if (r.refused()) {
    throw std::runtime_error(std::string("store record ") + ns + "/" + std::string(key) +
                             " is unreadable: " + r.errors.front().message);
  }
}
}  // namespace

DirectoryData read_directory_records(Store &store) {
  DirectoryData data;
  auto scan = [&store](const char *ns, const Store::Visitor &visit) {
    if (store.scan(ns, visit) < 0) throw std::runtime_error(std::string("cannot read ") + ns + " from the store");
  };
  scan(kDevicesNs, [&](std::string_view key, std::string_view value) {
    Poco::JSON::Object::Ptr o = parse_record(kDevicesNs, key, value);
    Device d;
    CredentialInput creds;
    Refusal r;
    read_device_json(*o, "", DeviceJsonMode::record, d, creds, r);
    d.ha1_md5 = creds.ha1_md5.value_or("");
    d.ha1_sha256 = creds.ha1_sha256.value_or("");
    must_be_clean(r, kDevicesNs, key);
    data.devices.push_back(std::move(d));
    return true;
  });
  scan(kProfilesNs, [&](std::string_view key, std::string_view value) {
    const int id = std::atoi(std::string(key).c_str());
    if (id < 1 || id > static_cast<int>(kUserProfileMax)) {
      throw std::runtime_error("store record " + std::string(kProfilesNs) + "/" + std::string(key) + ": bad key");
    }
    Poco::JSON::Object::Ptr o = parse_record(kProfilesNs, key, value);
    o->remove("id");
    o->remove("builtin");
    Refusal r;
    read_profile_json(*o, "", data.profiles[static_cast<size_t>(id - 1)], r);
    must_be_clean(r, kProfilesNs, key);
    return true;
  });
  scan(kOptionsNs, [&](std::string_view key, std::string_view value) {
    Poco::JSON::Object::Ptr o = parse_record(kOptionsNs, key, value);
    Refusal r;
    read_options_json(*o, "", data.options, r);
    must_be_clean(r, kOptionsNs, key);
    return true;
  });
  return data;
}

std::vector<RecordWrite> record_writes(const DirectoryData &from, const DirectoryData &to) {
  std::vector<RecordWrite> out;
  std::map<std::string, const Device *> old_devices;
  for (const Device &d : from.devices) old_devices.emplace(d.id, &d);
  for (const Device &d : to.devices) {
    auto it = old_devices.find(d.id);
    if (it == old_devices.end() || !(*it->second == d)) {
      out.push_back({kDevicesNs, d.id, json_text(device_record_json(d, true))});
    }
    if (it != old_devices.end()) old_devices.erase(it);
  }
  for (const auto &[id, d] : old_devices) out.push_back({kDevicesNs, id, std::nullopt});
  for (uint32_t i = 0; i < kUserProfileMax; ++i) {
    if (from.profiles[i] == to.profiles[i]) continue;
    const std::string key = profile_key(i + 1);
    if (to.profiles[i] == default_user_profile(i + 1)) {
      out.push_back({kProfilesNs, key, std::nullopt});
    } else {
      out.push_back({kProfilesNs, key, json_text(profile_json(to.profiles[i]))});
    }
  }
  if (!(from.options == to.options)) out.push_back({kOptionsNs, "system", json_text(options_json(to.options))});
  return out;
}

}  // namespace lineside::kernel
