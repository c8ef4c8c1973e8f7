// tests/unit/billing/billing_fixture.hpp: the billing module loaded in a fake host with fake
// system options and its outputs in a private temp folder.
#pragma once

#include <string>

#include "billing_descriptor.hpp"
#include "billing_module.hpp"
#include "billing_test_support.hpp"
#include "lineside/testing/fake_host.hpp"

namespace lineside::billing::test {

struct BillingFixture {
  TempFolder dir;
  FakeCapabilities caps;
  testing::FakeHost host;

  BillingFixture() {
    host.register_provider(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION, caps.table(),
                           caps.self());
    host.config().child("smdr_file").set("path", dir.file("smdr/smdr.txt"));
    host.config().child("cdr_json").set("path", dir.file("cdr/cdr.jsonl"));
    host.config().child("cdr_csv").set("path", dir.file("cdr/cdr.csv"));
  }

  bool load() { return host.load(&billing_descriptor(), testing::delete_module_base); }
  BillingModule &module() { return host.module<BillingModule>(); }
  [[nodiscard]] std::string smdr() const { return read_file(dir.file("smdr/smdr.txt")); }
  [[nodiscard]] std::string cdr_json() const { return read_file(dir.file("cdr/cdr.jsonl")); }
  [[nodiscard]] std::string cdr_csv() const { return read_file(dir.file("cdr/cdr.csv")); }
  /// Let the writer commit everything queued so far (stop drains and closes; the files stay).
  void flush() { host.stop(); }
};

}  // namespace lineside::billing::test
