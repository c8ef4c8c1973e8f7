// bench/media/call_plan.hpp: one benchmark call as the load tool drives it, and the two ways of
// setting calls up (Lineside over SIP, rtpengine over its NG protocol).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/sdes_attribute.hpp"
#include "load_options.hpp"

namespace lineside::bench {

/// Phone A (SRTP) and phone B (plain RTP) of one call.
struct CallPlan {
  uint32_t index = 0;
  uint32_t ssrc_a = 0;
  uint32_t ssrc_b = 0;
  srtp::CryptoAttribute a_key;  ///< A encrypts with it (A's offer)
  std::optional<srtp::CryptoAttribute>
      relay_key_for_a;            ///< A decrypts with it (the relay's answer)
  uint16_t relay_port_for_a = 0;  ///< where A sends
  uint16_t relay_port_for_b = 0;  ///< where B sends
};

/// A way of setting calls up through a relay and ending them; it keeps whatever the calls need
/// (SIP phones) until teardown.
class CallSetup {
 public:
  virtual ~CallSetup() = default;
  /// Sets `plans` up; A's media port is `a_port`, B's `b_port` for every call. "" or what failed.
  virtual std::string setup(std::vector<CallPlan> &plans, uint16_t a_port, uint16_t b_port) = 0;
  /// Ends every call (BYE / NG delete), best effort.
  virtual void teardown(const std::vector<CallPlan> &plans) = 0;
};

/// Lineside over SIP (two phones with authentication off), rtpengine over its NG protocol.
std::unique_ptr<CallSetup> lineside_setup(const LoadOptions &o);
std::unique_ptr<CallSetup> rtpengine_setup(const LoadOptions &o);

}  // namespace lineside::bench
