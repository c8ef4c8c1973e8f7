// srtp-media/srtp_media_settings.hpp: the module's config schema and its validated settings.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "call_media.hpp"
#include "lineside/plugin.hpp"
#include "socket_address.hpp"
#include "srtp_policy.hpp"

namespace lineside::media {

struct SrtpMediaSettings {
  std::string bind_address = "127.0.0.1";
  SocketAddress bind;  ///< bind_address, port 0
  uint16_t port_min = 20000;
  uint16_t port_max = 29999;
  unsigned media_threads = 1;  ///< resolved: 0 in the config = one per core
  int tos = 0xB8;              ///< dscp << 2
  SrtpMode default_mode = SrtpMode::optional;
  SrtpMode trunk_mode = SrtpMode::avp_only;
  std::map<std::string, SrtpMode> device_modes;
  bool allow_keys_over_plain_transport = false;
  int64_t inactivity_timeout_ms = 60000;
  int realtime_priority = 0;        ///< media threads under SCHED_FIFO at this priority; 0 = normal
  NegotiationSettings negotiation;  ///< advertised address, suites, codecs, direct media

  /// The settings that need a restart (sockets, threads) are equal.
  [[nodiscard]] bool same_relay(const SrtpMediaSettings &o) const {
    return bind_address == o.bind_address && port_min == o.port_min && port_max == o.port_max &&
           media_threads == o.media_threads && tos == o.tos;
  }
};

const ls_config_field_t *srtp_media_config_fields();
uint32_t srtp_media_config_field_count();

/// Read and check `node`; problems go to host.config_error (then nullopt).
std::optional<SrtpMediaSettings> read_srtp_media_settings(const Host &host, const Config &node);

}  // namespace lineside::media
