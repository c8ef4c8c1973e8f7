// transport/transport_module.hpp: the transport module instance: opens the configured SIP
// listeners at init and rate-limits requests per source address.
#pragma once

#include <string>
#include <vector>

#include "lineside/plugin.hpp"
#include "listener_spec.hpp"
#include "rate_limiter.hpp"

namespace lineside::transport {

class TransportModule final : public ModuleBase {
 public:
  /// init: validates the config (TLS files included) and opens every listener through
  /// host->transport_listen. Throws (failing init) with the reason on any problem.
  explicit TransportModule(Host host);

  /// Listeners cannot change without a restart; rate_limit can.
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_REQUEST_RECEIVED: drops requests over the per-source rate silently.
  uint32_t on_request_received(Request &req);

  [[nodiscard]] const std::vector<ListenerSpec> &listeners() const { return listeners_; }
  [[nodiscard]] const RateLimiter &rate_limiter() const { return limiter_; }

 private:
  void open_listeners();

  std::vector<ListenerSpec> listeners_;
  RateLimiter limiter_;
};

}  // namespace lineside::transport
