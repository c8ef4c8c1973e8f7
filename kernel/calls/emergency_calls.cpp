// calls/emergency_calls.cpp: INVITEs to an emergency number: classified from the system options,
// never refused for who sent them (no challenge, no provisioning check), always logged.
#include <algorithm>

#include "calls/call_engine.hpp"
#include "directory/directory.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"

namespace lineside::kernel {

bool CallEngine::is_emergency_number(std::string_view dialled) const {
  const auto &numbers = directory_.options().emergency_numbers;
  return std::find(numbers.begin(), numbers.end(), dialled) != numbers.end();
}

void CallEngine::take_emergency_invite(std::unique_ptr<ls_request> &req) {
  CallerIdentity caller;
  int status = 0;
  const bool verified = identify_caller(*req, caller, status);
  if (!verified) {
    // Who it claims to be is all we have: the device named by the From user, else the From user.
    const char *user = req->field(LS_FIELD_FROM_USER);
    const Device *device = user ? directory_.by_user(user) : nullptr;
    if (!device && user) device = directory_.by_dn(user);
    if (device) {
      caller = CallerIdentity{device->id, device->dn, device->display_name};
    } else {
      const char *display = req->field(LS_FIELD_FROM_DISPLAY);
      caller = CallerIdentity{"", user ? user : "anonymous", display ? display : ""};
    }
  }
  const char *dialled = req->field(LS_FIELD_REQUEST_URI_USER);
  log_warning("calls", std::string("EMERGENCY call to ") + (dialled ? dialled : "") + " from DN " + caller.dn +
                         (caller.device_id.empty() ? " (no provisioned device)" : " (device " + caller.device_id + ")") +
                         " at " + req->peer_info().addr + (verified ? "" : ", caller not verified"));
  metrics_.add("lineside_kernel_calls_emergency", 1);
  take_invite(req, std::move(caller), true);
}

}  // namespace lineside::kernel
