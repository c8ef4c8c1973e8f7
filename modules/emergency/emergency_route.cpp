// emergency/emergency_route.cpp: the emergency route hook: who calls (DN, device, CESID by the
// lookup order), privacy, the trunk legs to the emergency gateways, the log line, notifications.
#include <vector>

#include "emergency_identity.hpp"
#include "emergency_module.hpp"
#include "route_hook.hpp"
#include "trunk_leg.hpp"

namespace lineside::emergency {
namespace {

const char *transport_name(uint32_t t) {
  switch (t) {
    case LS_TRANSPORT_UDP:
      return "udp";
    case LS_TRANSPORT_TCP:
      return "tcp";
    case LS_TRANSPORT_TLS:
      return "tls";
    default:
      return "unknown";
  }
}

std::vector<std::string> privacy_headers(const Request &req) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < 16; ++i) {
    const char *v = req.header("Privacy", i);
    if (!v) break;
    out.emplace_back(v);
  }
  return out;
}

}  // namespace

uint32_t EmergencyModule::on_route(const ls_hook_args_t &args) {
  const ls_route_args_t *a = routes::route_args(args);
  if (!a || !args.request) return LS_VERDICT_CONTINUE;
  const std::string dialled = a->dialled ? a->dialled : "";
  if (!routes::route_is_emergency(a) && !is_emergency_number(dialled)) return LS_VERDICT_CONTINUE;
  host().metric_add("calls");
  const Request req(host(), args.request);
  const std::string from_user(req.field(LS_FIELD_FROM_USER));
  const std::string from_display(req.field(LS_FIELD_FROM_DISPLAY));

  EmergencyEvent event;
  event.call_id = a->call_id;
  event.dialled = dialled;
  event.device_id = a->caller_device_id ? a->caller_device_id : "";
  event.dn = a->caller_dn ? a->caller_dn : "";
  ls_device_info_t device{};
  const bool known = find_device(event.dn, event.device_id.empty() ? from_user : "", device);
  if (known) {
    if (event.dn.empty() && device.dn) event.dn = device.dn;
    if (event.device_id.empty() && device.device_id) event.device_id = device.device_id;
    event.caller_name = device.display_name ? device.display_name : "";
  } else if (event.dn.empty()) {
    event.dn = from_user;  // unknown device: the number it claims, for the log and notifications
  }
  const ls_peer_t peer = req.peer();
  event.source_addr = peer.addr;
  event.source_port = peer.port;
  event.transport = transport_name(peer.transport);
  event.time_unix_ms = host().now_unix() * 1000;
  event.authenticated = known && device.user && registered_from(device.user, event.source_addr);

  const std::string device_cesid =
      known && LS_HAS_FIELD(&device, ls_device_info_t, cesid) && device.cesid ? device.cesid : "";
  const ResolvedCesid cesid = resolve_cesid(table_, event.dn, device_cesid, default_cesid());
  event.cesid = cesid.cesid;
  event.cesid_source = cesid_source_name(cesid.source);
  const CesidEntry *entry = table_.find(event.dn);
  event.privacy =
      privacy_requested(privacy_headers(req), from_display) || (entry && entry->privacy);
  event.gateways = static_cast<int>(settings_.gateways.size());

  const std::string who = "DN " + (event.dn.empty() ? std::string("unknown") : event.dn) +
                          (event.device_id.empty() ? std::string(" (unprovisioned caller)")
                                                   : " (device " + event.device_id + ")");
  if (cesid.cesid.empty())
    host().error("emergency call " + std::to_string(a->call_id) + " from " + who +
                 " has NO CESID: no table entry, no device CESID and no system default_cesid");
  if (settings_.gateways.empty()) {
    host().error("EMERGENCY CALL " + std::to_string(a->call_id) + ": " + dialled + " from " + who +
                 "; no emergency gateways configured here, left to the routes module");
    notify_start(event);
    return LS_VERDICT_CONTINUE;
  }

  const std::string domain =
      settings_.identity_domain.empty() ? host().sip_domain() : settings_.identity_domain;
  const EmergencyIdentity identity =
      identity_for(cesid.cesid, event.dn, event.privacy, settings_.signal_privacy, domain);
  const std::string digits = settings_.digits_for(dialled);
  std::vector<routes::TrunkLeg> legs;
  for (size_t i = 0; i < settings_.gateways.size(); ++i) {
    const EmergencyGateway &gw = settings_.gateways[i];
    routes::TrunkLeg leg;
    leg.uri = gw.uri.request_uri(digits);
    leg.transport = gw.uri.transport();
    leg.dn = digits;
    leg.failover_group = static_cast<uint32_t>(i);
    leg.trunk_number = gw.trunk_number;
    leg.trunk_name = gw.trunk_name;
    leg.from_user = identity.from_user;
    leg.from_display = identity.from_display;
    leg.asserted_identity = identity.asserted_identity;
    leg.extra_headers = identity.extra_headers;
    legs.push_back(std::move(leg));
  }
  const std::vector<ls_route_target_t> targets = routes::route_targets(legs);
  if (host().raw()->call_route_to(args.request, targets.data(),
                                  static_cast<uint32_t>(targets.size())) != 0) {
    host().error("EMERGENCY CALL " + std::to_string(a->call_id) + " from " + who +
                 ": the host refused the emergency targets; left to later routing");
    host().metric_add("route_failures");
    notify_start(event);
    return LS_VERDICT_CONTINUE;
  }
  host().error("EMERGENCY CALL " + std::to_string(a->call_id) + ": " + dialled + " dialled by " +
               who + " from " + event.source_addr + ":" + std::to_string(event.source_port) + "/" +
               event.transport + (event.authenticated ? "" : " (caller not verified)") +
               "; CESID " +
               (cesid.cesid.empty() ? "none" : cesid.cesid + " (" + event.cesid_source + ")") +
               (identity.anonymous ? ", privacy: CESID only in P-Asserted-Identity" : "") +
               "; sending " + digits + " to " + std::to_string(legs.size()) +
               " emergency gateway(s), first " + settings_.gateways.front().uri.text());
  // A call whose end the host never reported must not be kept for ever.
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  std::erase_if(active_, [&](const auto &kv) {
    return kv.second.time_unix_ms < event.time_unix_ms - kDayMs;
  });
  active_[a->call_id] = event;
  notify_start(event);
  return LS_VERDICT_STOP;
}

}  // namespace lineside::emergency
