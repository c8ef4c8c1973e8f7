// The billing config: defaults, and the mistakes it refuses with a clear message on the key.
#include <doctest/doctest.h>

#include "billing_fixture.hpp"

namespace lineside::billing {
namespace {

using test::BillingFixture;

bool has_error(const testing::FakeHost &host, const std::string &key, const std::string &text) {
  for (const auto &e : host.config_errors())
    if (e.key == key && e.message.find(text) != std::string::npos) return true;
  return false;
}

TEST_CASE("defaults: SMDR file and JSON CDR on, CSV and the stream off, fsync per record") {
  BillingFixture f;
  REQUIRE(f.load());
  const BillingSettings &s = f.module().settings();
  CHECK(s.smdr_file.enabled);
  CHECK(s.smdr_file.rotation.max_bytes == 10485760);
  CHECK(s.smdr_file.rotation.daily);
  CHECK(s.smdr_file.rotation.keep_files == 0);
  CHECK(s.cdr_json.enabled);
  CHECK_FALSE(s.cdr_csv.enabled);
  CHECK_FALSE(s.stream_enabled);
  CHECK(s.stream.listen.text() == "127.0.0.1:1752");
  CHECK(s.stream.max_collectors == 8);
  CHECK(s.stream.queue_records == 1000);
  CHECK(s.stream.backlog_records == 0);
  CHECK(s.writer.fsync == FsyncPolicy::every_record);
  CHECK(s.writer.fsync_interval_ms == 1000);
  CHECK(s.max_tracked_calls == 10000);
  CHECK(f.module().writer() != nullptr);
  CHECK(f.module().stream() == nullptr);
}

TEST_CASE("two outputs on one path are refused") {
  BillingFixture f;
  f.host.config().child("cdr_json").set("path", f.dir.file("smdr/smdr.txt"));
  CHECK_FALSE(f.load());
  CHECK(has_error(f.host, "path", "already used by another billing output"));
}

TEST_CASE("a malformed stream address is refused with what was expected") {
  for (const char *bad : {"127.0.0.1", "localhost:1752", "127.0.0.1:70000", "127.0.0.1:x"}) {
    BillingFixture f;
    f.host.config().child("smdr_stream").set("listen", bad);
    CHECK_FALSE(f.load());
    CHECK(f.host.config_errors().size() == 1);
    CHECK(f.host.config_errors()[0].key == "listen");
  }
  std::string why;
  CHECK(parse_listen_address("[::1]:1752", why)->host == "::1");
  CHECK(parse_listen_address("*:0", why)->host == "::");
  CHECK(parse_listen_address("0.0.0.0:1752", why)->port == 1752);
}

TEST_CASE("an unknown fsync policy is refused by the schema") {
  BillingFixture f;
  f.host.config().set("fsync", "sometimes");
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error().find("fsync") != std::string::npos);
}

TEST_CASE("an output folder that cannot be created fails start with the reason") {
  BillingFixture f;
  test::write_file(f.dir.file("plain"), "x");
  f.host.config().child("smdr_file").set("path", f.dir.file("plain/smdr.txt"));
  CHECK_FALSE(f.load());
  CHECK(f.host.load_error().find("not a directory") != std::string::npos);
}

}  // namespace
}  // namespace lineside::billing
