// mwi/subscriber_identity.cpp: device lookups, subscriber identification, mailbox resolution.
#include "subscriber_identity.hpp"

#include <algorithm>
#include <cstring>

namespace lineside::mwi {
namespace {

constexpr uint32_t kMaxLineDns = 64;

struct SourceMatch {
  const ls_peer_t *peer;
  bool found = false;
};

int match_source(void *arg, const ls_binding_t *b) {
  auto *m = static_cast<SourceMatch *>(arg);
  if (!b->source_addr || std::strncmp(b->source_addr, m->peer->addr, sizeof m->peer->addr) != 0)
    return 0;
  if (m->peer->transport != LS_TRANSPORT_UDP && (b->flow == 0 || b->flow != m->peer->flow))
    return 0;
  m->found = true;
  return 1;
}

std::string text(const char *s) {
  return s ? std::string(s) : std::string();
}

}  // namespace

std::optional<DeviceView> Directory::device_for(std::string_view user) const {
  if (!dir_ || user.empty()) return std::nullopt;
  const std::string name(user);
  ls_device_info_t info{};
  info.size = sizeof info;
  if (dir_->device_by_user(dir_self_, name.c_str(), &info) != 0) {
    info = ls_device_info_t{};
    info.size = sizeof info;
    if (dir_->device_by_dn(dir_self_, name.c_str(), &info) != 0) return std::nullopt;
  }
  DeviceView d;
  d.device_id = text(info.device_id);
  d.user = text(info.user);
  d.dn = text(info.dn);
  d.auth_enabled = info.auth_enabled != 0;
  const bool has_box = LS_HAS_FIELD(&info, ls_device_info_t, voicemail_box) && info.voicemail_box &&
                       *info.voicemail_box;
  d.mailbox = has_box ? std::string(info.voicemail_box) : d.dn;
  const bool has_lines = LS_HAS_FIELD(&info, ls_device_info_t, additional_dn_count) &&
                         LS_HAS_FIELD(dir_, ls_directory_v1_t, device_additional_dn) &&
                         dir_->device_additional_dn;
  const uint32_t lines = has_lines ? std::min(info.additional_dn_count, kMaxLineDns) : 0;
  for (uint32_t i = 0; i < lines; ++i) {
    const char *dn = nullptr;
    if (dir_->device_additional_dn(dir_self_, d.device_id.c_str(), i, &dn) == 0 && dn)
      d.line_dns.emplace_back(dn);
  }
  return d;
}

bool Directory::from_registered_source(const std::string &user, const ls_peer_t &peer) const {
  if (!loc_) return false;
  SourceMatch m{&peer};
  loc_->lookup(loc_self_, user.c_str(), &match_source, &m);
  return m.found;
}

void Directory::bindings_of(const std::string &user, ls_binding_visit_fn visit, void *arg) const {
  if (loc_) loc_->lookup(loc_self_, user.c_str(), visit, arg);
}

void Directory::all_bindings(ls_binding_visit_fn visit, void *arg) const {
  if (loc_) loc_->for_each(loc_self_, visit, arg);
}

Identification identify_subscriber(const Directory &directory, std::string_view from_user,
                                   std::string_view auth_device_id, const ls_peer_t &peer) {
  Identification out;
  std::optional<DeviceView> device = directory.device_for(from_user);
  if (!device) {
    out.status = 403;  // an unprovisioned source never subscribes
    return out;
  }
  // Digest proves the sender only for a device with authentication on (the auth stage also names
  // devices with authentication off, without proof).
  const bool proven = device->auth_enabled && auth_device_id == device->device_id;
  if (!proven && !directory.from_registered_source(device->user, peer)) {
    out.status = 403;
    return out;
  }
  out.device = std::move(device);
  return out;
}

std::optional<std::string> mailbox_for_target(const DeviceView &device, std::string_view target,
                                              bool &follows_device) {
  follows_device = true;
  if (target.empty() || target == device.user || target == device.dn || target == device.mailbox)
    return device.mailbox;
  for (const std::string &line : device.line_dns) {
    if (target == line) {
      follows_device = false;
      return line;
    }
  }
  return std::nullopt;
}

}  // namespace lineside::mwi
