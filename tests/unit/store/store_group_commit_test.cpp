// Store tests: group commit puts many queued writes into one transaction, at most batch_max each.
#include "gated_poster.hpp"
#include "posted_completions.hpp"
#include "store_scan_helpers.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

TEST_CASE("5,000 writes from two threads share far fewer commits") {
  TempDirectory directory;
  PostedCompletions completions;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db")},
                                 completions.poster());
  constexpr int writes_per_thread = 2500;
  constexpr int writes = 2 * writes_per_thread;
  std::atomic<int> committed{0};

  const auto started = std::chrono::steady_clock::now();
  auto writer = [&](const std::string &prefix) {
    for (int i = 0; i < writes_per_thread; ++i) {
      store->put("registrar", prefix + std::to_string(i), "sip:" + prefix + "@10.0.0.1",
                 [&committed](bool ok) { committed += ok; });
    }
  };
  std::thread first(writer, "a-");
  std::thread second(writer, "b-");
  first.join();
  second.join();
  store->flush();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  completions.run_all();

  const StoreStats stats = store->stats();
  const double seconds = std::chrono::duration<double>(elapsed).count();
  MESSAGE(writes << " writes in " << stats.commits << " commits (largest batch "
                 << stats.largest_batch << ", deepest queue " << stats.queue_depth_max << "), "
                 << static_cast<int64_t>(writes / seconds) << " writes/s with synchronous=FULL");
  CHECK(stats.commits < static_cast<uint64_t>(writes));
  CHECK(stats.records_written == writes);
  CHECK(stats.failed_commits == 0);
  CHECK(committed == writes);
  const auto records = read_namespace(*store, "registrar");
  CHECK(records.size() == writes);
  CHECK(records.count("a-0") == 1);
  CHECK(records.count("b-" + std::to_string(writes_per_thread - 1)) == 1);
}

TEST_CASE("writes piled up behind a busy writer commit in batches of batch_max") {
  TempDirectory directory;
  PostedCompletions completions;
  GatedPoster gate(completions);
  auto store = open_sqlite_store(
      SqliteStoreOptions{.path = directory.file("store.db"), .batch_max = 100}, gate.poster());
  const GatedPoster::OpenOnExit open_gate_on_exit(gate);

  store->put("batch", "first", "value", [](bool) {});
  gate.wait_until_writer_held();
  for (int i = 0; i < 2999; ++i) {
    store->put("batch", std::to_string(i), "value", [](bool) {});
  }
  gate.open();
  store->flush();

  const StoreStats stats = store->stats();
  CHECK(stats.commits == 31); // the first write alone, then 2,999 in 30 batches
  CHECK(stats.largest_batch == 100);
  CHECK(stats.queue_depth_max == 2999);
  CHECK(stats.records_written == 3000);
  CHECK(completions.run_all() == 3000);
  CHECK(read_namespace(*store, "batch").size() == 3000);
}
