// Store tests: scans from other threads see consistent committed state while writes are in flight.
#include "posted_completions.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

TEST_CASE("scanning from other threads while writing") {
  TempDirectory directory;
  PostedCompletions completions;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db"), .batch_max = 64},
                                 completions.poster());
  constexpr int writes = 3000;
  std::atomic<bool> writing_done{false};

  // Each scanner checks that counts never go backwards and every value belongs to its key.
  auto scanner = [&]() {
    int64_t previous_count = 0;
    bool consistent = true;
    for (bool last_scan = false; !last_scan;) {
      last_scan = writing_done; // the scan after this one started once everything was committed
      const int64_t count = store->scan("load", [&](std::string_view key, std::string_view value) {
        consistent = consistent && value == "value-" + std::string(key);
        return true;
      });
      consistent = consistent && count >= previous_count;
      previous_count = count;
    }
    return std::make_pair(consistent, previous_count);
  };
  std::pair<bool, int64_t> first_result;
  std::pair<bool, int64_t> second_result;
  std::thread first_scanner([&] { first_result = scanner(); });
  std::thread second_scanner([&] { second_result = scanner(); });

  for (int i = 0; i < writes; ++i) {
    const std::string key = std::to_string(i);
    store->put("load", key, "value-" + key, nullptr);
  }
  store->flush();
  writing_done = true;
  first_scanner.join();
  second_scanner.join();

  CHECK(first_result.first);
  CHECK(second_result.first);
  CHECK(first_result.second == writes); // the last scan ran after flush
  CHECK(second_result.second == writes);
}
