// srtp-media/srtp_media_settings.cpp: schema of modules.srtp-media.config, reading and checks.
#include "srtp_media_settings.hpp"

#include <thread>

#include "core/crypto_suite.hpp"

namespace lineside::media {
namespace {

constexpr uint32_t kMaxThreads = 64;

const ls_config_field_t kDeviceModeFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_STRING, "device", nullptr, "device id (dev-1001)",
     LS_CFG_REQUIRED, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "mode", nullptr,
     "avp_only, optional or mandatory (a profile with AVP Only Device set still wins)",
     LS_CFG_REQUIRED, 0, 0, 0, "avp_only|optional|mandatory", nullptr},
};

const ls_config_field_t kFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_STRING, "bind_address", "127.0.0.1",
     "numeric address the relay's UDP ports are bound on", 0, 0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING, "advertised_address", nullptr,
     "address written into the SDP phones receive (behind NAT); absent or empty: bind_address", 0,
     0, 0, 0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "port_min", "20000",
     "lowest relay port (RTP takes even ports, RTCP the next odd one)", 0, 0, 1024, 65534, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "port_max", "29999", "highest relay port", 0, 0, 1025,
     65535, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "media_threads", "0",
     "threads relaying packets; 0 = one per CPU core", 0, 0, 0, kMaxThreads, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "dscp", "46",
     "DiffServ code point of relayed packets (46 = EF); 0 = leave unset", 0, 0, 0, 63, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "suites",
     "[AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32]",
     "SRTP crypto suites we offer, preferred first (also AEAD_AES_128_GCM)", 0, 0, 0, 0, nullptr,
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "default_mode", "optional",
     "SRTP mode of a device whose profile is not AVP Only: optional (RTP/AVP with a=crypto) or "
     "mandatory (RTP/SAVP, plain refused)",
     0, 0, 0, 0, "optional|mandatory", nullptr},
    {sizeof(ls_config_field_t), LS_CFG_MAP_LIST, "device_modes", "[]",
     "per-device SRTP mode: - {device: dev-1001, mode: mandatory}", 0,
     static_cast<uint32_t>(std::size(kDeviceModeFields)), 0, 0, nullptr, kDeviceModeFields},
    {sizeof(ls_config_field_t), LS_CFG_ENUM, "trunk_mode", "avp_only",
     "SRTP mode of legs that reach no device (trunks)", 0, 0, 0, 0, "avp_only|optional|mandatory",
     nullptr},
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "allow_keys_over_plain_transport", "false",
     "lab only: send a=crypto keys to phones whose signalling is UDP/TCP, not TLS", 0, 0, 0, 0,
     nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_STRING_LIST, "audio_codecs",
     "[PCMU, PCMA, G722, G729, telephone-event, CN]",
     "encoding names an audio offer may keep; an offer left with no voice codec gets 488", 0, 0, 0,
     0, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_DURATION, "inactivity_timeout", "60s",
     "end an answered call when a leg sends nothing this long on a two-way stream; 0 = never", 0, 0,
     0, 24LL * 3600 * 1000, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_INT, "realtime_priority", "0",
     "run the media threads under SCHED_FIFO at this priority (1-99), ahead of every normal "
     "process, for a steady delay on a busy host; needs CAP_SYS_NICE or LimitRTPRIO; 0 = normal",
     0, 0, 0, 99, nullptr, nullptr},
    {sizeof(ls_config_field_t), LS_CFG_BOOL, "direct_media", "false",
     "when neither leg uses SRTP, let media flow between the phones without the relay", 0, 0, 0, 0,
     nullptr, nullptr},
};

}  // namespace

const ls_config_field_t *srtp_media_config_fields() {
  return kFields;
}
uint32_t srtp_media_config_field_count() {
  return count_of(kFields);
}

std::optional<SrtpMediaSettings> read_srtp_media_settings(const Host &host, const Config &node) {
  SrtpMediaSettings s;
  bool ok = true;
  auto fail = [&](const char *key, const std::string &why) {
    host.config_error(node, key, why);
    ok = false;
  };
  s.bind_address = node.string_or("bind_address", s.bind_address);
  if (auto bind = SocketAddress::from_numeric(s.bind_address, 0)) {
    s.bind = *bind;
  } else {
    fail("bind_address", "expected a numeric IPv4 or IPv6 address, got '" + s.bind_address + "'");
  }
  std::string advertised = node.string_or("advertised_address", "");
  if (advertised.empty()) advertised = s.bind_address;
  const auto adv = SocketAddress::from_numeric(advertised, 0);
  if (!adv) {
    fail("advertised_address", "expected a numeric address, got '" + advertised + "'");
  } else if (ok && adv->family() != s.bind.family()) {
    fail("advertised_address", "must be of the same family as bind_address");
  } else if (advertised == "0.0.0.0" || advertised == "::") {
    fail("advertised_address", "bind_address is a wildcard: give the address phones reach");
  }
  s.negotiation.address = advertised;
  s.negotiation.family = s.bind.family();
  s.port_min = static_cast<uint16_t>(node.integer("port_min").value_or(s.port_min));
  s.port_max = static_cast<uint16_t>(node.integer("port_max").value_or(s.port_max));
  if (s.port_max < s.port_min + 1)
    fail("port_max", "must leave at least one even/odd pair above port_min");
  const int64_t threads = node.integer("media_threads").value_or(0);
  s.media_threads = threads > 0 ? static_cast<unsigned>(threads)
                                : std::max(1u, std::thread::hardware_concurrency());
  s.tos = static_cast<int>(node.integer("dscp").value_or(46)) << 2;
  for (const std::string &name : node.strings("suites")) {
    const auto suite = srtp::suite_from_name(name);
    if (!suite) {
      fail("suites", "unknown crypto suite '" + name + "'");
    } else if (!srtp::suite_available(*suite)) {
      fail("suites", std::string(srtp::suite_name(*suite)) + " is not available in this libsrtp2");
    } else {
      s.negotiation.suites.push_back(*suite);
    }
  }
  if (s.negotiation.suites.empty()) fail("suites", "at least one crypto suite is needed");
  s.default_mode =
      mode_from_name(node.string_or("default_mode", "optional")).value_or(SrtpMode::optional);
  s.trunk_mode =
      mode_from_name(node.string_or("trunk_mode", "avp_only")).value_or(SrtpMode::avp_only);
  for (const Config &entry : node.children("device_modes")) {
    const std::string device = entry.string_or("device", "");
    const auto mode = mode_from_name(entry.string_or("mode", ""));
    if (device.empty() || !mode) {
      host.config_error(entry, nullptr, "needs a device id and a mode");
      ok = false;
    } else if (!s.device_modes.emplace(device, *mode).second) {
      host.config_error(entry, "device", "device '" + device + "' is listed twice");
      ok = false;
    }
  }
  s.allow_keys_over_plain_transport =
      node.boolean("allow_keys_over_plain_transport").value_or(false);
  s.negotiation.audio_codecs = node.strings("audio_codecs");
  if (s.negotiation.audio_codecs.empty()) fail("audio_codecs", "at least one codec is needed");
  s.inactivity_timeout_ms = node.duration_ms("inactivity_timeout").value_or(60000);
  s.realtime_priority = static_cast<int>(node.integer("realtime_priority").value_or(0));
  s.negotiation.direct_media = node.boolean("direct_media").value_or(false);
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::media
