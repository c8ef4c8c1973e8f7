// directory/directory_provider.cpp: the C function tables of lineside.directory/1 and
// lineside.capabilities/1 over the Directory.
#include <cstring>

#include "directory/directory.hpp"

namespace lineside::kernel {

struct DirectoryProviderAccess {
  static const std::vector<const char *> &emergency(const Directory &d) { return d.emergency_ptrs_; }
};

namespace {

/// Copy `full` into `out` as far as the caller's size allows, keeping the caller's size.
template <class T>
int copy_sized(const T &full, T *out) {
  const uint32_t caller = out->size;
  std::memcpy(static_cast<void *>(out), &full, caller < sizeof full ? caller : sizeof full);
  out->size = caller;
  return 0;
}

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
  info.service_level = d->service_level == ServiceLevel::full ? LS_SERVICE_FULL : LS_SERVICE_BASIC;
  info.single_line = d->single_line ? 1 : 0;
  info.profile_id = Directory::effective_profile_id(*d);
  info.additional_dn_count = static_cast<uint32_t>(d->additional_dns.size());
  info.cesid = d->cesid.c_str();
  info.voicemail_box = d->voicemail_box.c_str();
  info.hot_desk = d->hot_desk ? 1 : 0;
  info.forward_no_answer_timeout_s = d->forward.no_answer_timeout_s;
  info.forward_always = d->forward.always.c_str();
  info.forward_busy = d->forward.busy.c_str();
  info.forward_no_answer = d->forward.no_answer.c_str();
  return copy_sized(info, out);
}

const Directory &dir(void *self) { return *static_cast<const Directory *>(self); }

int by_user_fn(void *self, const char *user, ls_device_info_t *out) {
  return user ? fill(dir(self).by_user(user), out) : -1;
}
int by_dn_fn(void *self, const char *dn, ls_device_info_t *out) {
  return dn ? fill(dir(self).by_dn(dn), out) : -1;
}
uint64_t count_fn(void *self) { return dir(self).size(); }
int additional_dn_fn(void *self, const char *device_id, uint32_t index, const char **out_dn) {
  if (!device_id || !out_dn) return -1;
  const Device *d = dir(self).by_id(device_id);
  if (!d || index >= d->additional_dns.size()) return -1;
  *out_dn = d->additional_dns[index].c_str();
  return 0;
}
int by_line_dn_fn(void *self, const char *dn, ls_device_info_t *out) {
  return dn ? fill(dir(self).by_line_dn(dn), out) : -1;
}

int fill_profile(const CapabilityProfile &p, ls_capability_profile_t *out) {
  if (!out || out->size == 0) return -1;
  ls_capability_profile_t c{};
  c.size = sizeof c;
  c.id = p.id;
  c.comment = p.comment.c_str();
  c.outbound_proxy = p.outbound_proxy.c_str();
  c.builtin = p.builtin;
  c.device_based_in_call_features = p.device_based_in_call_features;
  c.digit_collection_busy_alerting = p.digit_collection_busy_alerting;
  c.distinctive_ring_tones = p.distinctive_ring_tones;
  c.call_park_method = static_cast<uint32_t>(p.call_park_method);
  c.allow_display_update = p.allow_display_update;
  c.prevent_ip_0000_hold = p.prevent_ip_0000_hold;
  c.avp_only = p.avp_only;
  c.enable_prack = p.enable_prack;
  c.use_pai = p.use_pai;
  c.session_timer_s = p.session_timer_s;
  c.force_sdp_in_initial_invite = p.force_sdp_in_initial_invite;
  c.one_offer_answer_per_invite = p.one_offer_answer_per_invite;
  return copy_sized(c, out);
}

int profile_of_device_fn(void *self, const char *device_id, ls_capability_profile_t *out) {
  const Device *d = device_id ? dir(self).by_id(device_id) : nullptr;
  return d ? fill_profile(dir(self).profile_for(*d), out) : -1;
}
int profile_by_id_fn(void *self, uint32_t id, ls_capability_profile_t *out) {
  const CapabilityProfile *p = dir(self).profile(id);
  return p ? fill_profile(*p, out) : -1;
}
int system_options_fn(void *self, ls_system_options_t *out) {
  if (!out || out->size == 0) return -1;
  const SystemOptions &o = dir(self).options();
  const auto &numbers = DirectoryProviderAccess::emergency(dir(self));
  ls_system_options_t s{};
  s.size = sizeof s;
  s.srtp_enabled = o.srtp_enabled;
  s.default_cesid = o.default_cesid.c_str();
  s.emergency_numbers = numbers.data();
  s.emergency_number_count = static_cast<uint32_t>(numbers.size());
  s.smdr_internal = o.smdr_internal;
  s.smdr_external = o.smdr_external;
  s.smdr_extended_digits = o.smdr_extended_digits;
  s.smdr_ani_dnis = o.smdr_ani_dnis;
  s.smdr_24h_clock = o.smdr_24h_clock;
  s.smdr_system_id = o.smdr_system_id.c_str();
  return copy_sized(s, out);
}

}  // namespace

const ls_directory_v1_t *Directory::provider_table() {
  static const ls_directory_v1_t table{sizeof(ls_directory_v1_t), 0, by_user_fn, by_dn_fn, count_fn,
                                       additional_dn_fn, by_line_dn_fn};
  return &table;
}

const ls_capabilities_v1_t *Directory::capabilities_table() {
  static const ls_capabilities_v1_t table{sizeof(ls_capabilities_v1_t), 0, profile_of_device_fn,
                                          profile_by_id_fn, system_options_fn};
  return &table;
}

}  // namespace lineside::kernel
