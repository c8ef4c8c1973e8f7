// provisioning/provisioning_setup.cpp: start-up of the provisioning service.
#include "provisioning/provisioning_setup.hpp"

#include "host/event_bus.hpp"
#include "lineside/events.h"
#include "provisioning/directory_file_sync.hpp"
#include "runtime/logger.hpp"

namespace lineside::kernel {

std::unique_ptr<Provisioning> start_provisioning(Store &store, Directory &directory, EventBus &events,
                                                 const ProvisioningSetup &setup) {
  auto announce = [&events](uint32_t change, const Device &d, const std::string &old_user) {
    ls_device_event_t ev{sizeof(ls_device_event_t), change, d.id.c_str(), d.user.c_str(), d.dn.c_str(),
                         old_user.c_str()};
    events.emit(LS_EVENT_DEVICE_CHANGED, &ev);
  };
  auto p = std::make_unique<Provisioning>(store, directory, OpContext{setup.realm, setup.licences}, announce);
  p->load();
  const std::string line =
      apply_directory_file_import(*p, plan_directory_file_import(*p, setup.directory_file, true));
  if (!line.empty()) log_notice("provisioning", line);
  return p;
}

}  // namespace lineside::kernel
