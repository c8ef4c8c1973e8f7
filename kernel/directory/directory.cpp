// directory/directory.cpp: device indexes and the directory provider functions.
#include "directory/directory.hpp"

#include <cstring>

namespace lineside::kernel {

void Directory::replace(std::vector<Device> devices) {
  devices_ = std::move(devices);
  by_user_.clear();
  by_dn_.clear();
  for (size_t i = 0; i < devices_.size(); ++i) {
    by_user_.emplace(devices_[i].user, i);
    by_dn_.emplace(devices_[i].dn, i);
  }
}

const Device *Directory::by_user(std::string_view user) const {
  auto it = by_user_.find(std::string(user));
  return it == by_user_.end() ? nullptr : &devices_[it->second];
}

const Device *Directory::by_dn(std::string_view dn) const {
  auto it = by_dn_.find(std::string(dn));
  return it == by_dn_.end() ? nullptr : &devices_[it->second];
}

std::vector<const Device *> Directory::devices_for_dn(std::string_view dn) const {
  std::vector<const Device *> out;
  if (const Device *main = by_dn(dn)) out.push_back(main);
  for (const Device &d : devices_) {
    for (const auto &line : d.additional_dns) {
      if (line == dn && (out.empty() || out.front() != &d)) out.push_back(&d);
    }
  }
  return out;
}

namespace {
int fill(const Device *d, ls_device_info_t *out) {
  if (!d || !out || out->size == 0) return -1;
  ls_device_info_t info{};
  info.size = sizeof info;
  info.auth_enabled = d->auth_enabled ? 1 : 0;
  info.device_id = d->id.c_str();
  info.user = d->user.c_str();
  info.dn = d->dn.c_str();
  info.display_name = d->display_name.c_str();
  info.realm = d->realm.c_str();
  info.ha1_md5 = d->ha1_md5.c_str();
  info.ha1_sha256 = d->ha1_sha256.c_str();
  info.device_type = d->device_type.c_str();
  const uint32_t caller = out->size;
  std::memcpy(out, &info, caller < sizeof info ? caller : sizeof info);
  out->size = caller;
  return 0;
}

int by_user_fn(void *self, const char *user, ls_device_info_t *out) {
  return user ? fill(static_cast<Directory *>(self)->by_user(user), out) : -1;
}
int by_dn_fn(void *self, const char *dn, ls_device_info_t *out) {
  return dn ? fill(static_cast<Directory *>(self)->by_dn(dn), out) : -1;
}
uint64_t count_fn(void *self) { return static_cast<Directory *>(self)->size(); }
}  // namespace

const ls_directory_v1_t *Directory::provider_table() {
  static const ls_directory_v1_t table{sizeof(ls_directory_v1_t), 0, by_user_fn, by_dn_fn, count_fn};
  return &table;
}

}  // namespace lineside::kernel
