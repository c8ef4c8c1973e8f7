// lineside/testing/fake_directory.hpp: FakeDirectory, a lineside.directory/1 provider over a small
// device list a test supplies (HA1 values included: it computes nothing itself).
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "lineside/providers/directory.h"

namespace lineside::testing {

/// One provisioned device of a FakeDirectory (ls_device_info_t with owned strings).
struct FakeDevice {
  std::string device_id;
  std::string user;
  std::string dn;
  std::string display_name;
  std::string realm = "pbx.test";
  std::string ha1_md5;     ///< hex MD5(user:realm:password) the test computed, or ""
  std::string ha1_sha256;  ///< hex SHA-256(user:realm:password) the test computed, or ""
  std::string device_type = "generic-sip";
  bool auth_enabled = true;
  std::vector<std::string> additional_dns;  ///< line DNs besides dn
};

/**
 * A fake lineside.directory/1. Register it with FakeHost::provide_directory(dir) (or
 * register_provider(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, dir.table(), dir.self())) before
 * FakeHost::load(). Lookups count calls so tests can assert caching behaviour.
 */
class FakeDirectory {
 public:
  FakeDirectory() = default;
  FakeDirectory(const FakeDirectory &) = delete;
  FakeDirectory &operator=(const FakeDirectory &) = delete;

  /// Add a device and return it for further changes (references stay valid).
  FakeDevice &add_device(std::string device_id, std::string user, std::string dn,
                         std::string ha1_md5 = "", std::string ha1_sha256 = "") {
    FakeDevice d;
    d.device_id = std::move(device_id);
    d.user = std::move(user);
    d.dn = std::move(dn);
    d.ha1_md5 = std::move(ha1_md5);
    d.ha1_sha256 = std::move(ha1_sha256);
    devices_.push_back(std::move(d));
    return devices_.back();
  }
  /// Add a fully described device.
  FakeDevice &add_device(FakeDevice d) {
    devices_.push_back(std::move(d));
    return devices_.back();
  }
  /// Remove the device whose user is `user`; returns whether one was removed.
  bool remove_device(const std::string &user) {
    for (auto it = devices_.begin(); it != devices_.end(); ++it) {
      if (it->user == user) {
        devices_.erase(it);
        return true;
      }
    }
    return false;
  }
  /// The devices, in insertion order.
  [[nodiscard]] const std::deque<FakeDevice> &devices() const { return devices_; }
  /// How many device_by_user / device_by_dn calls the module made.
  [[nodiscard]] uint64_t lookups() const { return lookups_; }

  /// The provider table to register.
  [[nodiscard]] const ls_directory_v1_t *table() const {
    static const ls_directory_v1_t t = {sizeof(ls_directory_v1_t), 0, &by_user, &by_dn, &count,
                                        &additional_dn, &by_line_dn};
    return &t;
  }
  /// The `self` pointer to register with the table.
  [[nodiscard]] void *self() { return this; }

 private:
  /// Copy `d` into `out`, as much as out->size allows.
  static void fill(const FakeDevice &d, ls_device_info_t *out) {
    ls_device_info_t full{};
    full.size = out->size;
    full.auth_enabled = d.auth_enabled ? 1u : 0u;
    full.device_id = d.device_id.c_str();
    full.user = d.user.c_str();
    full.dn = d.dn.c_str();
    full.display_name = d.display_name.c_str();
    full.realm = d.realm.c_str();
    full.ha1_md5 = d.ha1_md5.c_str();
    full.ha1_sha256 = d.ha1_sha256.c_str();
    full.device_type = d.device_type.c_str();
    full.service_level = LS_SERVICE_FULL;
    full.additional_dn_count = static_cast<uint32_t>(d.additional_dns.size());
    full.cesid = "";
    full.voicemail_box = "";
    full.forward_always = "";
    full.forward_busy = "";
    full.forward_no_answer = "";
    const size_t n = out->size < sizeof full ? out->size : sizeof full;
    std::memcpy(static_cast<void *>(out), &full, n);
  }
  template <class Match>
  static int find(void *self, ls_device_info_t *out, Match match) {
    auto *dir = static_cast<FakeDirectory *>(self);
    ++dir->lookups_;
    if (!out || out->size < sizeof(uint32_t)) return -1;
    for (const FakeDevice &d : dir->devices_) {
      if (match(d)) {
        fill(d, out);
        return 0;
      }
    }
    return -1;
  }
  static int by_user(void *self, const char *user, ls_device_info_t *out) {
    if (!user) return -1;
    return find(self, out, [&](const FakeDevice &d) { return d.user == user; });
  }
  static int by_dn(void *self, const char *dn, ls_device_info_t *out) {
    if (!dn) return -1;
    return find(self, out, [&](const FakeDevice &d) { return d.dn == dn; });
  }
  static int by_line_dn(void *self, const char *dn, ls_device_info_t *out) {
    if (!dn) return -1;
    return find(self, out, [&](const FakeDevice &d) {
      if (d.dn == dn) return true;
      for (const std::string &extra : d.additional_dns) {
        if (extra == dn) return true;
      }
      return false;
    });
  }
  static int additional_dn(void *self, const char *device_id, uint32_t index, const char **out_dn) {
    if (!device_id || !out_dn) return -1;
    for (const FakeDevice &d : static_cast<FakeDirectory *>(self)->devices_) {
      if (d.device_id == device_id && index < d.additional_dns.size()) {
        *out_dn = d.additional_dns[index].c_str();
        return 0;
      }
    }
    return -1;
  }
  static uint64_t count(void *self) { return static_cast<FakeDirectory *>(self)->devices_.size(); }

  std::deque<FakeDevice> devices_;
  uint64_t lookups_ = 0;
};

}  // namespace lineside::testing
