// tests/unit/emergency/emergency_test_support.hpp: the emergency module on the fake host with a
// directory, fake lineside.capabilities/1 (default CESID, emergency numbers) and a fake
// lineside.location/1 (the front desk's bindings).
#pragma once

#include <string>
#include <vector>

#include "emergency_descriptor.hpp"
#include "emergency_module.hpp"
#include "lineside/providers/capabilities.h"
#include "lineside/providers/location.h"
#include "route_hook_harness.hpp"

namespace lineside::emergency::test {

/// System options a test sets.
struct FakeCapabilities {
  std::string default_cesid = "6135550000";
  std::vector<std::string> numbers{"911", "9911", "933"};
  std::vector<const char *> ptrs;

  static int system_options(void *self, ls_system_options_t *out) {
    auto *c = static_cast<FakeCapabilities *>(self);
    if (!out || out->size < sizeof(ls_system_options_t)) return -1;
    c->ptrs.clear();
    for (const auto &n : c->numbers) c->ptrs.push_back(n.c_str());
    *out = ls_system_options_t{};
    out->size = sizeof *out;
    out->default_cesid = c->default_cesid.c_str();
    out->emergency_numbers = c->ptrs.data();
    out->emergency_number_count = static_cast<uint32_t>(c->ptrs.size());
    return 0;
  }
  static int no_profile(void *, const char *, ls_capability_profile_t *) { return -1; }
  static int no_profile_id(void *, uint32_t, ls_capability_profile_t *) { return -1; }
  [[nodiscard]] const ls_capabilities_v1_t *table() const {
    static const ls_capabilities_v1_t t{sizeof(ls_capabilities_v1_t), 0, &no_profile,
                                        &no_profile_id, &system_options};
    return &t;
  }
};

/// Bindings a test sets: (user, contact, transport, flow, source address).
struct FakeLocation {
  struct Row {
    std::string user, contact;
    uint32_t transport = LS_TRANSPORT_UDP;
    ls_flow_id_t flow = 0;
    std::string source;
    bool awaiting = false;
  };
  std::vector<Row> rows;

  static uint32_t lookup(void *self, const char *user, ls_binding_visit_fn visit, void *arg) {
    uint32_t n = 0;
    for (const Row &r : static_cast<FakeLocation *>(self)->rows) {
      if (r.user != user) continue;
      ls_binding_t b{};
      b.size = sizeof b;
      b.transport = r.transport;
      b.user = r.user.c_str();
      b.contact_uri = r.contact.c_str();
      b.flow = r.flow;
      b.source_addr = r.source.c_str();
      b.awaiting_reconnect = r.awaiting ? 1 : 0;
      ++n;
      if (visit(arg, &b) != 0) break;
    }
    return n;
  }
  static uint64_t for_each(void *, ls_binding_visit_fn, void *) { return 0; }
  static uint64_t count(void *self) { return static_cast<FakeLocation *>(self)->rows.size(); }
  [[nodiscard]] const ls_location_v1_t *table() const {
    static const ls_location_v1_t t{sizeof(ls_location_v1_t), 0, &lookup, &for_each, &count};
    return &t;
  }
};

struct EmergencyFixture {
  testing::FakeDirectory directory;
  FakeCapabilities capabilities;
  FakeLocation location;
  lineside::test::RouteHookHarness h;

  EmergencyFixture() {
    directory.add_device("dev-1001", "1001", "1001").display_name = "Ext 1001";
    directory.add_device("dev-1002", "1002", "1002").display_name = "Ext 1002";
    directory.add_device("dev-1005", "1005", "1005").display_name = "Front Desk";
    h.host.provide_directory(directory);
    h.host.register_provider(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION,
                             capabilities.table(), &capabilities);
    h.host.register_provider(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, location.table(),
                             &location);
    location.rows.push_back(
        {"1001", "sip:1001@192.0.2.20:5062", LS_TRANSPORT_UDP, 0, "192.0.2.20", false});
    add_gateway("sip:127.0.0.1:5090;transport=udp");
    add_gateway("sip:127.0.0.1:5091;transport=udp").set("trunk_number", 912);
    h.host.config().set("trunk_number", 911);
  }
  testing::FakeConfig &add_gateway(const std::string &uri) {
    auto &g = h.host.config().add_child("gateways");
    g.set("uri", uri);
    return g;
  }
  bool load() { return h.load(emergency_descriptor()); }
  EmergencyModule &module() { return h.module<EmergencyModule>(); }

  /// A 911 INVITE from `user`, routed with caller `device`/`dn` (as the kernel identified it).
  std::vector<lineside::test::RecordedTarget> call(const std::string &user,
                                                   const std::string &dialled,
                                                   const std::string &device, const std::string &dn,
                                                   uint32_t *verdict = nullptr,
                                                   const std::vector<std::string> &privacy = {}) {
    auto inv = lineside::test::make_invite(user, dialled);
    for (const auto &p : privacy) inv->add_header("Privacy", p);
    const uint32_t v = h.route(*inv, dialled, device, dn, true);
    if (verdict) *verdict = v;
    return lineside::test::RouteHookHarness::targets(*inv);
  }
};

}  // namespace lineside::emergency::test
