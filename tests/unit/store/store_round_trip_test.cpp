// Store tests: put / scan / erase round trips, binary values and namespace separation.
#include "posted_completions.hpp"
#include "store_scan_helpers.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

namespace {

struct OpenStore {
  TempDirectory directory;
  PostedCompletions completions;
  std::unique_ptr<Store> store =
      open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db")}, completions.poster());
};

} // namespace

TEST_CASE("put, scan and erase round trip") {
  OpenStore fixture;
  Store &store = *fixture.store;
  std::vector<bool> results;
  const auto record = [&results](bool committed) { results.push_back(committed); };

  store.put("location", "1001", "sip:1001@10.0.0.5:5060", record);
  store.put("location", "1002", "sip:1002@10.0.0.6:5060", record);
  store.flush();
  CHECK(fixture.completions.run_all() == 2);
  CHECK(read_namespace(store, "location") ==
        std::map<std::string, std::string>{{"1001", "sip:1001@10.0.0.5:5060"},
                                           {"1002", "sip:1002@10.0.0.6:5060"}});

  store.put("location", "1001", "sip:1001@10.0.0.9:5060", record); // replaces
  store.erase("location", "1002", record);
  store.erase("location", "never-written", record); // absent: still committed
  store.flush();
  CHECK(fixture.completions.run_all() == 3);
  CHECK(read_namespace(store, "location") ==
        std::map<std::string, std::string>{{"1001", "sip:1001@10.0.0.9:5060"}});
  CHECK(results == std::vector<bool>(5, true));
}

TEST_CASE("values keep NUL and every other byte, and may be empty") {
  OpenStore fixture;
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) {
    every_byte.push_back(static_cast<char>(byte));
  }
  const std::string with_nuls("a\0b\0\0c", 6);
  fixture.store->put("blobs", "every-byte", every_byte, nullptr);
  fixture.store->put("blobs", "with-nuls", with_nuls, nullptr);
  fixture.store->put("blobs", "empty", "", nullptr);
  fixture.store->flush();

  const auto records = read_namespace(*fixture.store, "blobs");
  REQUIRE(records.size() == 3);
  CHECK(records.at("every-byte") == every_byte);
  CHECK(records.at("with-nuls").size() == 6);
  CHECK(records.at("with-nuls") == with_nuls);
  CHECK(records.at("empty").empty());
}

TEST_CASE("namespaces do not collide") {
  OpenStore fixture;
  Store &store = *fixture.store;
  store.put("registrar", "1001", "registration", nullptr);
  store.put("presence", "1001", "presence", nullptr);
  store.put("registrar.extra", "1001", "prefix lookalike", nullptr);
  store.flush();

  CHECK(read_namespace(store, "registrar") == std::map<std::string, std::string>{{"1001", "registration"}});
  CHECK(read_namespace(store, "presence") == std::map<std::string, std::string>{{"1001", "presence"}});

  store.erase("presence", "1001", nullptr);
  store.flush();
  CHECK(read_namespace(store, "presence").empty());
  CHECK(read_namespace(store, "registrar").size() == 1);
  CHECK(read_namespace(store, "registrar.extra").size() == 1);
  CHECK(store.scan("nobody-wrote-here", [](auto, auto) { return true; }) == 0);
}

TEST_CASE("scan visits in key order, stops when asked and counts what it visited") {
  OpenStore fixture;
  Store &store = *fixture.store;
  for (const char *key : {"c", "a", "d", "b"}) {
    store.put("ordered", key, std::string("value-") + key, nullptr);
  }
  store.flush();

  std::vector<std::string> keys;
  CHECK(store.scan("ordered", [&keys](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  }) == 4);
  CHECK(keys == std::vector<std::string>{"a", "b", "c", "d"});

  keys.clear();
  CHECK(store.scan("ordered", [&keys](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return keys.size() < 2;
  }) == 2);
  CHECK(keys == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a visitor may scan another namespace") {
  OpenStore fixture;
  Store &store = *fixture.store;
  store.put("devices", "phone-1", "1001", nullptr);
  store.put("devices", "phone-2", "1002", nullptr);
  store.put("lines", "1001", "main", nullptr);
  store.flush();

  int64_t nested_total = 0;
  CHECK(store.scan("devices", [&](std::string_view, std::string_view) {
    nested_total += store.scan("lines", [](auto, auto) { return true; });
    return true;
  }) == 2);
  CHECK(nested_total == 2);
}
