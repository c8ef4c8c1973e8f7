// transport/transport_module.cpp: listener set-up, reload rules and the source rate limit hook.
#include "transport_module.hpp"

#include <cstring>
#include <stdexcept>

#include "transport_config.hpp"

namespace lineside::transport {

TransportModule::TransportModule(Host host) : ModuleBase(host) {
  const Config config = host.config();
  auto listeners = read_listeners(host, config, true);
  auto rate_limit = read_rate_limit(host, config);
  if (!listeners || !rate_limit) throw std::runtime_error("invalid transport configuration");
  listeners_ = std::move(*listeners);
  limiter_.configure(*rate_limit);
  open_listeners();
}

void TransportModule::open_listeners() {
  for (const ListenerSpec &spec : listeners_) {
    const ls_listener_t abi = spec.to_abi();
    char reason[512] = "";
    if (host().raw()->transport_listen(host().ctx(), &abi, reason, sizeof reason) != 0) {
      throw std::runtime_error("cannot listen on " + spec.describe() + ": " +
                               (reason[0] ? reason : "the host gave no reason"));
    }
    host().info("listening on " + spec.describe());
  }
}

std::string TransportModule::check_reconfigure(const Config &config) {
  auto listeners = read_listeners(host(), config, false);
  if (!listeners) return "invalid listeners";
  if (*listeners != listeners_) return "changing listeners needs a restart";
  if (!read_rate_limit(host(), config)) return "invalid rate_limit";
  return {};
}

void TransportModule::apply_reconfigure(const Config &config) {
  if (auto rate_limit = read_rate_limit(host(), config)) limiter_.configure(*rate_limit);
}

uint32_t TransportModule::on_request_received(Request &req) {
  if (!limiter_.enabled()) return LS_VERDICT_CONTINUE;
  const ls_peer_t peer = req.peer();
  const void *nul = std::memchr(peer.addr, '\0', sizeof peer.addr);
  const std::string source(peer.addr, nul ? static_cast<const char *>(nul) - peer.addr : sizeof peer.addr);
  const RateVerdict verdict = limiter_.admit(source, host().now_mono_ms());
  if (verdict == RateVerdict::Allow) return LS_VERDICT_CONTINUE;
  host().metric_add("rate_limited");
  if (verdict == RateVerdict::DropAndWarn) {
    const RateLimitSettings &s = limiter_.settings();
    host().warning("dropping requests from " + source + ": over " +
                   std::to_string(s.requests_per_second) + "/s (burst " + std::to_string(s.burst) +
                   "); logged at most once a minute per source");
  }
  req.respond(0);
  return LS_VERDICT_STOP;
}

}  // namespace lineside::transport
