// calls/call_profile_rules.cpp: the SIP Device Capabilities fields the call engine reads at call
// time (0.0.0.0 hold, session timer, one offer/answer per INVITE, SDP in the initial INVITE): a
// profile change applies to the next call or message, without a restart.
#include <cstring>

#include "calls/call_engine.hpp"
#include "directory/directory.hpp"
#include "host/providers.hpp"
#include "lineside/providers/location.h"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"

namespace lineside::kernel {

namespace {
int first_source(void *arg, const ls_binding_t *b) {
  if (!b->source_addr || !*b->source_addr) return 0;
  *static_cast<std::string *>(arg) = b->source_addr;
  return 1;
}
}  // namespace

uint32_t CallEngine::session_timer_of(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return device ? directory_.profile_for(*device).session_timer_s : 0;
}

bool CallEngine::one_offer_per_invite(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return device && directory_.profile_for(*device).one_offer_answer_per_invite;
}

bool CallEngine::forces_sdp_in_invite(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  return device && directory_.profile_for(*device).force_sdp_in_initial_invite;
}

void CallEngine::offerless_invite_to_forcing_device(uint64_t call_id, const std::string &device_id,
                                                    const char *why) {
  log_warning("calls",
              "call " + std::to_string(call_id) + ": device " + device_id +
                  " gets an INVITE without SDP although its profile sets \"Force sending SDP in "
                  "initial Invite message\" (" +
                  why + ")");
  metrics_.add("lineside_kernel_calls_offerless_invite_to_forced_sdp", 1);
}

std::string CallEngine::signalling_address_of(const std::string &device_id) const {
  const Device *device = directory_.by_id(device_id);
  const ProviderRegistry::Entry *loc = providers_.find(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION);
  std::string address;
  if (!device || !loc) return address;
  static_cast<const ls_location_v1_t *>(loc->table)
      ->lookup(loc->self, device->user.c_str(), first_source, &address);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);  // an IPv6 literal as written in Via
  }
  return address;
}

void CallEngine::apply_hold_rule(const SdpContext &ctx, std::string &body) {
  // Only SDP sent toward a device whose profile prevents 0.0.0.0 is looked at or remembered: the
  // addresses a hold falls back to are the sender's earlier SDP toward that same device, so every
  // other call pays nothing on the SIP thread. (A profile switched on mid-call falls back to the
  // sender's signalling address.)
  const Device *to = ctx.to_device_id ? directory_.by_id(ctx.to_device_id) : nullptr;
  if (!to || !directory_.profile_for(*to).prevent_ip_0000_hold) return;
  const std::string from_device = ctx.from_device_id ? ctx.from_device_id : "";
  const std::string sender = std::to_string(ctx.from_side) + "/" + from_device;
  SdpStreamAddresses &last = sdp_senders_[ctx.call_id][sender];
  if (body.find("0.0.0.0") != std::string::npos) {
    const std::string fallback =
        from_device.empty() ? std::string() : signalling_address_of(from_device);
    if (rewrite_zero_address_hold(body, last, fallback)) {
      log_info("calls",
               "call " + std::to_string(ctx.call_id) + ": 0.0.0.0 hold toward " + to->id +
                   " sent as a=sendonly with a real address (its profile prevents 0.0.0.0)");
      metrics_.add("lineside_kernel_calls_zero_hold_rewritten", 1);
    }
  }
  remember_stream_addresses(body, last);
}

}  // namespace lineside::kernel
