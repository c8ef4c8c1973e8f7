// tests/unit/kpml/kpml_test_support.hpp: a fake host with a directory, a fixed location service and
// the kpml module loaded; helpers to answer its SUBSCRIBEs and play the phone's NOTIFYs.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "kpml_descriptor.hpp"
#include "kpml_module.hpp"
#include "lineside/testing/fake_host.hpp"

namespace lineside::kpml::test {

using lineside::testing::FakeHost;
using lineside::testing::FakeRequest;
using lineside::testing::SentRequest;

/// lineside.location/1 over a fixed list of bindings.
class FakeLocation {
 public:
  struct Entry {
    std::string user, device_id, contact;
    uint32_t transport = LS_TRANSPORT_UDP;
    ls_flow_id_t flow = 0;
    int64_t expires_at = 2'000'000'000;
    bool awaiting_reconnect = false;
  };
  std::vector<Entry> entries;
  const ls_location_v1_t *table() const {
    static const ls_location_v1_t t{sizeof(ls_location_v1_t), 0, &lookup, &for_each, &count};
    return &t;
  }

 private:
  static uint32_t visit_all(void *self, const char *user, ls_binding_visit_fn fn, void *arg) {
    uint32_t n = 0;
    for (const Entry &e : static_cast<FakeLocation *>(self)->entries) {
      if (user && e.user != user) continue;
      const std::string aor = "sip:" + e.user + "@pbx.test";
      ls_binding_t b{};
      b.size = sizeof b;
      b.transport = e.transport;
      b.aor = aor.c_str();
      b.user = e.user.c_str();
      b.device_id = e.device_id.c_str();
      b.contact_uri = e.contact.c_str();
      b.expires_at = e.expires_at;
      b.flow = e.flow;
      b.awaiting_reconnect = e.awaiting_reconnect ? 1 : 0;
      ++n;
      if (fn(arg, &b) != 0) break;
    }
    return n;
  }
  static uint32_t lookup(void *self, const char *user, ls_binding_visit_fn fn, void *arg) {
    return visit_all(self, user, fn, arg);
  }
  static uint64_t for_each(void *self, ls_binding_visit_fn fn, void *arg) {
    return visit_all(self, nullptr, fn, arg);
  }
  static uint64_t count(void *self) { return static_cast<FakeLocation *>(self)->entries.size(); }
};

/// What a provider consumer was told.
struct Outcome {
  bool called = false;
  uint32_t code = 0;
  uint64_t collection = 0;
  std::string digits, text;
};

inline void record_outcome(void *arg, const ls_kpml_result_t *r) {
  auto *o = static_cast<Outcome *>(arg);
  CHECK_FALSE(o->called);  // exactly once
  o->called = true;
  o->code = r->code;
  o->collection = r->collection;
  o->digits = r->digits;
  o->text = r->text;
}

struct KpmlFixture {
  testing::FakeDirectory directory;
  FakeLocation location;
  FakeHost host;

  KpmlFixture() {
    directory.add_device("dev-1002", "1002", "1002");
    directory.add_device("dev-1003", "1003", "1003");
    location.entries.push_back({"1002", "dev-1002", "sip:1002@192.0.2.2:5062"});
    host.provide_directory(directory);
    host.register_provider(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, location.table(), &location);
  }

  bool load() {
    const bool ok = host.load(&kpml_descriptor(), testing::delete_module_base);
    if (!ok) MESSAGE("load failed: " << host.load_error());
    return ok;
  }
  KpmlModule &module() { return host.module<KpmlModule>(); }
  const ls_kpml_v1_t *provider() {
    return host.provider_table<ls_kpml_v1_t>(LS_KPML_PROVIDER, LS_KPML_VERSION);
  }
  void *provider_self() { return host.provider(LS_KPML_PROVIDER, LS_KPML_VERSION)->self; }

  /// Collect through the provider.
  uint64_t collect(Outcome &out, const char *device = "dev-1002", const char *pattern = "x{4}",
                   uint32_t timeout_ms = 10000) {
    ls_kpml_collect_t r{
        sizeof(ls_kpml_collect_t), timeout_ms, device, pattern, nullptr, nullptr, nullptr};
    return provider()->collect_digits(provider_self(), &r, &record_outcome, &out);
  }

  /// Our tag in a sent request's From.
  static std::string from_tag(const SentRequest &s) {
    return s.from.substr(s.from.find(";tag=") + 5);
  }

  /// The phone's NOTIFY inside the subscription of sent request `index`.
  std::unique_ptr<FakeRequest> phone_notify(size_t index, const std::string &state,
                                            const std::string &body = "") {
    const SentRequest &s = host.sent_requests().at(index);
    auto n = std::make_unique<FakeRequest>("NOTIFY", "sip:kpml@127.0.0.1:5060");
    n->call_id = s.call_id;
    n->to_uri = "sip:kpml@pbx.test";
    n->to_tag = from_tag(s);
    n->from_uri = "sip:1002@pbx.test";
    n->from_tag = "phone-tag";
    n->add_header("Event", "kpml");
    n->add_header("Subscription-State", state);
    if (!body.empty()) n->set_body("application/kpml-response+xml", body);
    return n;
  }

  static std::string report(const std::string &code, const std::string &digits,
                            const std::string &text = "Success") {
    return "<?xml version=\"1.0\"?><kpml-response version=\"1.0\" code=\"" + code + "\" text=\"" +
           text + "\" digits=\"" + digits + "\" tag=\"t\"/>";
  }
};

}  // namespace lineside::kpml::test
