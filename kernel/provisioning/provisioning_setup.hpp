// provisioning/provisioning_setup.hpp: building the provisioning service at start-up: read the
// store, import the directory file when due, and announce device changes on the event bus.
#pragma once

#include <memory>
#include <string>

#include "provisioning/provisioning.hpp"

namespace lineside::kernel {

class EventBus;

struct ProvisioningSetup {
  std::string realm;           ///< kernel.sip_domain
  LicenceCounts licences;      ///< kernel.licences
  std::string directory_file;  ///< kernel.directory_file
};

/// Throws ConfigException (directory file invalid) or std::runtime_error (store unreadable,
/// import refused); the daemon then refuses to start.
std::unique_ptr<Provisioning> start_provisioning(Store &store, Directory &directory, EventBus &events,
                                                 const ProvisioningSetup &setup);

}  // namespace lineside::kernel
