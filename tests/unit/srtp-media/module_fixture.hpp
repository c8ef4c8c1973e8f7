// tests/unit/srtp-media/module_fixture.hpp: the srtp-media module loaded into the fake host, with a
// lineside.capabilities/1 provider whose answers the test sets.
#pragma once

#include <string>

#include "lineside/providers/capabilities.h"
#include "lineside/testing/fake_host.hpp"
#include "srtp_media_descriptor.hpp"

/// lineside.capabilities/1: SRTP on, and every device's profile AVP Only unless told otherwise.
struct FakeCapabilities {
  bool avp_only = true;
  bool srtp_enabled = true;
  ls_capabilities_v1_t table{sizeof(ls_capabilities_v1_t), 0, &profile_of_device, &profile_by_id,
                             &system_options};
  static int profile_of_device(void *self, const char *, ls_capability_profile_t *out) {
    out->avp_only = static_cast<FakeCapabilities *>(self)->avp_only ? 1 : 0;
    return 0;
  }
  static int profile_by_id(void *, uint32_t, ls_capability_profile_t *) { return -1; }
  static int system_options(void *self, ls_system_options_t *out) {
    out->srtp_enabled = static_cast<FakeCapabilities *>(self)->srtp_enabled ? 1 : 0;
    return 0;
  }
};

struct ModuleFixture {
  FakeCapabilities capabilities;
  lineside::testing::FakeHost host;
  explicit ModuleFixture(bool with_capabilities = true, int port_min = 45000) {
    if (with_capabilities) {
      host.register_provider(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION, &capabilities.table,
                             &capabilities);
    }
    host.config().set("port_min", port_min).set("port_max", port_min + 99).set("media_threads", 1);
  }
  bool load() { return host.load(&lineside::media::srtp_media_descriptor()); }
};
