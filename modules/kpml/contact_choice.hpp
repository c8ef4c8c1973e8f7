// kpml/contact_choice.hpp: which registered contact of a device a KPML SUBSCRIBE goes to.
#pragma once

#include <optional>
#include <string>

#include "lineside/providers/location.h"

namespace lineside::kpml {

/// A binding worth subscribing to.
struct ChosenContact {
  std::string user;
  std::string contact_uri;
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;
};

/// The device's live binding that expires last, skipping TCP/TLS bindings that wait for their
/// phone to reconnect (the server never dials a phone). Nothing when there is none.
std::optional<ChosenContact> choose_contact(const ls_location_v1_t *location, void *self,
                                            const std::string &device_id);

}  // namespace lineside::kpml
