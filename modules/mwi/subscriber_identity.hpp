// mwi/subscriber_identity.hpp: who a SUBSCRIBE is from (a provisioned device proven by digest or
// by coming from one of its registered bindings) and which mailbox it may watch.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lineside/plugin.hpp"
#include "lineside/providers/directory.h"
#include "lineside/providers/location.h"

namespace lineside::mwi {

/// A provisioned device as the mwi module needs it (copied: directory strings are short-lived).
struct DeviceView {
  std::string device_id;
  std::string user;
  std::string dn;
  std::string mailbox;  ///< its voicemail_box, or its main DN when it has none
  bool auth_enabled = true;
  std::vector<std::string> line_dns;  ///< additional line DNs
};

/// Directory and location lookups. SIP thread only.
class Directory {
 public:
  Directory(const ls_directory_v1_t *directory, void *directory_self,
            const ls_location_v1_t *location, void *location_self)
      : dir_(directory), dir_self_(directory_self), loc_(location), loc_self_(location_self) {}

  /// The device whose SIP user is `user`, else whose main DN is `user`.
  [[nodiscard]] std::optional<DeviceView> device_for(std::string_view user) const;
  /// True when `peer` is the source of one of `user`'s live bindings (same address; for TCP/TLS
  /// also the same connection), as the call engine checks a caller without digest proof.
  [[nodiscard]] bool from_registered_source(const std::string &user, const ls_peer_t &peer) const;
  /// Visit the live bindings of `user` (nothing without a location service).
  void bindings_of(const std::string &user, ls_binding_visit_fn visit, void *arg) const;
  /// Visit every live binding.
  void all_bindings(ls_binding_visit_fn visit, void *arg) const;
  [[nodiscard]] bool has_location() const { return loc_ != nullptr; }

 private:
  const ls_directory_v1_t *dir_;
  void *dir_self_;
  const ls_location_v1_t *loc_;
  void *loc_self_;
};

/// Why a SUBSCRIBE's sender is not accepted, or who it is.
struct Identification {
  std::optional<DeviceView> device;  ///< set when accepted
  uint32_t status = 0;               ///< 403 when refused
};

/// The device a SUBSCRIBE is from: its From user names a device, and either the auth stage
/// proved it with digest (auth.device_id == the device, authentication on) or the request comes
/// from one of the device's registered bindings. Otherwise 403.
Identification identify_subscriber(const Directory &directory, std::string_view from_user,
                                   std::string_view auth_device_id, const ls_peer_t &peer);

/// The mailbox a device may watch through Request-URI user `target`: its own mailbox for no user,
/// its user, main DN or mailbox; a line DN's own number for one of its line DNs; nothing otherwise.
/// `follows_device` tells whether the answer is the device's own mailbox.
std::optional<std::string> mailbox_for_target(const DeviceView &device, std::string_view target,
                                              bool &follows_device);

}  // namespace lineside::mwi
