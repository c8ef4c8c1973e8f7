// emergency/emergency_settings.cpp: schema tables and reading them.
#include "emergency_settings.hpp"

#include <unistd.h>

#include "cesid_rules.hpp"

namespace lineside::emergency {
namespace {

constexpr ls_config_field_t field(uint32_t type, const char *key, const char *default_value,
                                  const char *doc, int64_t min = 0, int64_t max = 0,
                                  uint32_t flags = 0) {
  return ls_config_field_t{sizeof(ls_config_field_t),
                           type,
                           key,
                           default_value,
                           doc,
                           flags,
                           0,
                           min,
                           max,
                           nullptr,
                           nullptr};
}

constexpr ls_config_field_t with_children(ls_config_field_t f, const ls_config_field_t *children,
                                          uint32_t count) {
  f.children = children;
  f.child_count = count;
  return f;
}

const ls_config_field_t kGatewayFields[] = {
    field(LS_CFG_STRING, "uri", nullptr,
          "emergency trunk gateway, no user part: sip:127.0.0.1:5090;transport=udp or "
          "sip:gw.example.net",
          0, 0, LS_CFG_REQUIRED),
    field(LS_CFG_INT, "trunk_number", "0",
          "trunk number reported for calls on it; 0: trunk_number below", 0, 9999),
    field(LS_CFG_STRING, "trunk_name", nullptr,
          "trunk name reported for calls on it; empty: trunk_name below"),
};

const ls_config_field_t kOutpulseFields[] = {
    field(LS_CFG_STRING, "dialled", nullptr, "an emergency number as dialled (9911)", 0, 0,
          LS_CFG_REQUIRED),
    field(LS_CFG_STRING, "send", nullptr, "the digits sent to the gateway for it (911)", 0, 0,
          LS_CFG_REQUIRED),
};

const ls_config_field_t kFields[] = {
    with_children(
        field(LS_CFG_MAP_LIST, "gateways", nullptr,
              "emergency gateways in failover order (the next is tried on 408, 5xx, 6xx "
              "but 603, or no answer); empty: emergency calls are left to the routes module"),
        kGatewayFields, count_of(kGatewayFields)),
    field(LS_CFG_INT, "trunk_number", "1", "trunk number reported for emergency calls (SMDR Tnnn)",
          1, 9999),
    field(LS_CFG_STRING, "trunk_name", "emergency", "trunk name reported for emergency calls"),
    field(LS_CFG_BOOL, "signal_privacy", "true",
          "a caller with privacy on (Privacy: id, or the CESID entry's privacy flag) gets From "
          "\"Anonymous\" and the CESID only in P-Asserted-Identity; false: CESID in From always"),
    with_children(field(LS_CFG_MAP_LIST, "outpulse", nullptr,
                        "digits sent for an emergency number dialled otherwise (9911 -> 911); the "
                        "rest are sent as dialled"),
                  kOutpulseFields, count_of(kOutpulseFields)),
    field(LS_CFG_STRING, "identity_domain", nullptr,
          "host part of P-Asserted-Identity; empty: the SIP domain"),
    field(LS_CFG_STRING_LIST, "webhooks", nullptr,
          "http:// or https:// URLs POSTed a JSON notification for every emergency call"),
    field(LS_CFG_DURATION, "webhook_timeout", "5s", "deadline of one webhook attempt", 200, 60000),
    field(LS_CFG_INT, "webhook_attempts", "2", "tries per webhook and notification", 1, 5),
    field(LS_CFG_PATH, "webhook_ca_file", nullptr,
          "PEM CA bundle trusted for https webhooks; absent: the system's CAs"),
    field(LS_CFG_STRING, "front_desk", nullptr,
          "DN whose registered phones get a SIP MESSAGE for every "
          "emergency call; empty: none"),
};

}  // namespace

std::string EmergencySettings::digits_for(const std::string &dialled) const {
  const auto it = outpulse.find(dialled);
  return it == outpulse.end() ? dialled : it->second;
}

const ls_config_field_t *emergency_config_fields() {
  return kFields;
}
uint32_t emergency_config_field_count() {
  return count_of(kFields);
}

std::optional<EmergencySettings> read_emergency_settings(const Host &host, const Config &config) {
  EmergencySettings s;
  bool ok = true;
  const auto trunk_number = static_cast<uint32_t>(config.integer("trunk_number").value_or(1));
  const std::string trunk_name = config.string_or("trunk_name", "emergency");
  for (const Config &g : config.children("gateways")) {
    std::string why;
    auto uri = routes::GatewayUri::parse(g.string_or("uri", ""), why);
    if (!uri) {
      host.config_error(g, "uri", why);
      ok = false;
      continue;
    }
    const auto own_number = static_cast<uint32_t>(g.integer("trunk_number").value_or(0));
    const std::string own_name = g.string_or("trunk_name", "");
    s.gateways.push_back({std::move(*uri), own_number ? own_number : trunk_number,
                          own_name.empty() ? trunk_name : own_name});
  }
  s.signal_privacy = config.boolean("signal_privacy").value_or(true);
  for (const Config &o : config.children("outpulse")) {
    const std::string dialled = o.string_or("dialled", "");
    const std::string send = o.string_or("send", "");
    if (!dialable_number(dialled)) {
      host.config_error(o, "dialled", "expected 1 to 20 of 0-9 * # +, got '" + dialled + "'");
      ok = false;
    } else if (!dialable_number(send)) {
      host.config_error(o, "send", "expected 1 to 20 of 0-9 * # +, got '" + send + "'");
      ok = false;
    } else if (!s.outpulse.emplace(dialled, send).second) {
      host.config_error(o, "dialled", "'" + dialled + "' is listed twice");
      ok = false;
    }
  }
  s.identity_domain = config.string_or("identity_domain", "");
  for (const std::string &text : config.strings("webhooks")) {
    std::string why;
    auto url = parse_http_url(text, why);
    if (!url) {
      host.config_error(config, "webhooks", why + ": '" + text + "'");
      ok = false;
      continue;
    }
    s.webhooks.push_back(std::move(*url));
  }
  s.webhook_policy.timeout_ms = config.duration_ms("webhook_timeout").value_or(5000);
  s.webhook_policy.attempts = static_cast<int>(config.integer("webhook_attempts").value_or(2));
  s.webhook_policy.ca_file = config.string_or("webhook_ca_file", "");
  if (!s.webhook_policy.ca_file.empty() && ::access(s.webhook_policy.ca_file.c_str(), R_OK) != 0) {
    host.config_error(config, "webhook_ca_file", "cannot read " + s.webhook_policy.ca_file);
    ok = false;
  }
  s.front_desk = config.string_or("front_desk", "");
  if (!s.front_desk.empty()) {
    if (auto p = dn_problem(s.front_desk, "front_desk")) {
      host.config_error(config, "front_desk", p->message);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace lineside::emergency
