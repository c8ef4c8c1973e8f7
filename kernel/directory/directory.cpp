// directory/directory.cpp: directory indexes and profile resolution.
#include "directory/directory.hpp"

#include "directory/device_types.hpp"

namespace lineside::kernel {

DirectoryData::DirectoryData() {
  for (uint32_t i = 0; i < kUserProfileMax; ++i) profiles[i] = default_user_profile(i + 1);
}

void Directory::replace(DirectoryData data) {
  data_ = std::move(data);
  by_user_.clear();
  by_dn_.clear();
  by_id_.clear();
  by_line_dn_.clear();
  for (size_t i = 0; i < data_.devices.size(); ++i) {
    const Device &d = data_.devices[i];
    by_user_.emplace(d.user, i);
    by_dn_.emplace(d.dn, i);
    by_id_.emplace(d.id, i);
  }
  // Main DNs first so the owner leads each list; then additional lines in device (id) order.
  for (size_t i = 0; i < data_.devices.size(); ++i) by_line_dn_[data_.devices[i].dn].push_back(i);
  for (size_t i = 0; i < data_.devices.size(); ++i) {
    for (const std::string &extra : data_.devices[i].additional_dns) by_line_dn_[extra].push_back(i);
  }
  emergency_ptrs_.clear();
  for (const std::string &n : data_.options.emergency_numbers) emergency_ptrs_.push_back(n.c_str());
}

void Directory::replace(std::vector<Device> devices) {
  DirectoryData data;
  data.devices = std::move(devices);
  replace(std::move(data));
}

namespace {
const Device *lookup(const std::unordered_map<std::string, size_t> &index,
                     const std::vector<Device> &devices, std::string_view key) {
  auto it = index.find(std::string(key));
  return it == index.end() ? nullptr : &devices[it->second];
}
}  // namespace

const Device *Directory::by_user(std::string_view user) const {
  return lookup(by_user_, data_.devices, user);
}
const Device *Directory::by_dn(std::string_view dn) const { return lookup(by_dn_, data_.devices, dn); }
const Device *Directory::by_id(std::string_view id) const { return lookup(by_id_, data_.devices, id); }
const Device *Directory::by_line_dn(std::string_view dn) const {
  auto it = by_line_dn_.find(std::string(dn));
  return it == by_line_dn_.end() ? nullptr : &data_.devices[it->second.front()];
}

std::vector<const Device *> Directory::devices_for_dn(std::string_view dn) const {
  std::vector<const Device *> out;
  auto it = by_line_dn_.find(std::string(dn));
  if (it == by_line_dn_.end()) return out;
  for (size_t i : it->second) out.push_back(&data_.devices[i]);
  return out;
}

const CapabilityProfile *Directory::profile(uint32_t id) const {
  if (id >= 1 && id <= kUserProfileMax) return &data_.profiles[id - 1];
  return builtin_profile(id);
}

uint32_t Directory::effective_profile_id(const Device &device) {
  if (device.profile != 0) return device.profile;
  const DeviceType *type = find_device_type(device.device_type);
  return type ? type->builtin_profile : kBuiltinProfileBase;
}

const CapabilityProfile &Directory::profile_for(const Device &device) const {
  if (const CapabilityProfile *p = profile(effective_profile_id(device))) return *p;
  return builtin_profiles().front();
}

}  // namespace lineside::kernel
