// tests/unit/registrar/registrar_test_support.hpp: fixture and helpers for driving the registrar
// module through the fake host (provisioned devices, REGISTER requests, reading the results).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lineside/testing/fake_host.hpp"
#include "registrar_descriptor.hpp"
#include "registrar_module.hpp"

namespace lineside::registrar::test {

using lineside::testing::FakeHost;
using lineside::testing::FakeRequest;

/// A fake host with a directory of three phones: 1001 and 1002 authenticate, 1010 does not.
struct RegistrarFixture {
  testing::FakeDirectory directory;
  FakeHost host;

  RegistrarFixture() {
    directory.add_device("dev-1001", "1001", "1001");
    directory.add_device("dev-1002", "1002", "1002");
    directory.add_device("dev-1010", "1010", "1010").auth_enabled = false;
    host.provide_directory(directory);
  }

  /// Load the registrar (config() may be filled first); false with host.load_error() on failure.
  bool load() { return host.load(&registrar_descriptor(), testing::delete_module_base); }

  RegistrarModule &module() { return host.module<RegistrarModule>(); }

  /// A REGISTER for AoR `user` that the auth module accepted (auth.device_id = dev-<user>).
  static std::unique_ptr<FakeRequest> make_register(const std::string &user, uint32_t cseq = 1,
                                                    const std::string &call_id = "reg-1@phone") {
    auto req = std::make_unique<FakeRequest>("REGISTER", "sip:pbx.test");
    req->to_uri = "sip:" + user + "@pbx.test";
    req->from_uri = req->to_uri;
    req->call_id = call_id;
    req->cseq = cseq;
    req->user_agent = "TestPhone/1.0";
    req->attributes["auth.device_id"] = "dev-" + user;
    req->peer.addr = "192.0.2.10";
    req->peer.port = 5062;
    req->peer.flow = 11;
    return req;
  }

  /// Dispatch to the REQUEST hook, then let the store complete; returns the final status.
  uint32_t send(FakeRequest &req) {
    host.dispatch(LS_HOOK_REQUEST, req);
    host.run_pending();
    return req.status();
  }

  /// The table's bindings of `user`.
  std::vector<Binding> bindings_of(const std::string &user) { return module().bindings().of_user(user); }

  /// Registration events of the given LS_REG_* change emitted so far.
  std::vector<testing::RegistrationRecord> events_of(uint32_t change) const {
    std::vector<testing::RegistrationRecord> out;
    for (const auto &e : host.events())
      if (e.registration && e.registration->change == change) out.push_back(*e.registration);
    return out;
  }

  /// Every Contact header value of a response.
  static std::vector<std::string> contacts_of(const testing::FakeResponse &r) {
    std::vector<std::string> out;
    for (const auto &[name, value] : r.headers)
      if (name == "Contact") out.push_back(value);
    return out;
  }

  /// Number of records in the registrar's store table.
  size_t stored_count() const {
    auto it = host.store().find(kBindingsTable);
    return it == host.store().end() ? 0 : it->second.size();
  }
};

}  // namespace lineside::registrar::test
