// Store tests: every write's Done is delivered, in order, through the poster; flush waits for it.
#include "gated_poster.hpp"
#include "posted_completions.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

TEST_CASE("a Done for every write, in queue order, run where the poster sends it") {
  TempDirectory directory;
  PostedCompletions completions;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db"), .batch_max = 16},
                                 completions.poster());
  constexpr int writes = 500;
  std::vector<int> completed_in_order;
  std::vector<std::thread::id> completed_on;
  for (int i = 0; i < writes; ++i) {
    auto done = [&, i](bool committed) {
      CHECK(committed);
      completed_in_order.push_back(i);
      completed_on.push_back(std::this_thread::get_id());
    };
    if (i % 3 == 2) {
      store->erase("ordered", std::to_string(i - 1), done);
    } else {
      store->put("ordered", std::to_string(i), "value", done);
    }
  }
  store->flush();
  CHECK(completed_in_order.empty()); // nothing ran on the writer thread
  CHECK(completions.run_all() == writes);

  std::vector<int> expected(writes);
  std::iota(expected.begin(), expected.end(), 0);
  CHECK(completed_in_order == expected);
  CHECK(completed_on == std::vector<std::thread::id>(writes, std::this_thread::get_id()));

  const std::vector<size_t> batch_sizes = completions.batch_sizes();
  CHECK(std::accumulate(batch_sizes.begin(), batch_sizes.end(), size_t{0}) == writes);
  const StoreStats stats = store->stats();
  CHECK(stats.commits == batch_sizes.size()); // one poster call per committed batch
  CHECK(stats.records_written == writes);
  CHECK(stats.largest_batch <= 16);
}

TEST_CASE("writes without a Done are committed and hand nothing to the poster") {
  TempDirectory directory;
  PostedCompletions completions;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db")},
                                 completions.poster());
  store->put("quiet", "a", "1", nullptr);
  store->erase("quiet", "b", Store::Done{});
  store->flush();
  CHECK(completions.batch_sizes().empty());
  CHECK(store->stats().records_written == 2);
}

TEST_CASE("flush returns only once the Done of every earlier write is handed to the poster") {
  TempDirectory directory;
  PostedCompletions completions;
  GatedPoster gate(completions);
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db")}, gate.poster());
  const GatedPoster::OpenOnExit open_gate_on_exit(gate);

  store->put("flush", "held", "value", [](bool) {});
  gate.wait_until_writer_held(); // committed, but its Done is not handed on yet
  store->put("flush", "queued-behind", "value", [](bool) {});

  auto flushed = std::async(std::launch::async, [&store] { store->flush(); });
  CHECK(flushed.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
  CHECK(completions.waiting() == 0);

  gate.open();
  flushed.get();
  CHECK(completions.waiting() == 2);
  CHECK(store->stats().commits == 2);

  store->flush(); // nothing queued: returns at once
}

TEST_CASE("flush from the writer thread is refused instead of waiting for itself") {
  TempDirectory directory;
  Store *store_seen_by_poster = nullptr;
  std::string refusal;
  auto poster = [&](std::vector<std::function<void()>> &&) {
    try {
      store_seen_by_poster->flush();
    } catch (const std::logic_error &error) {
      refusal = error.what();
    }
  };
  auto store = open_sqlite_store(SqliteStoreOptions{.path = directory.file("store.db")}, poster);
  store_seen_by_poster = store.get();
  store->put("flush", "key", "value", [](bool) {});
  store->flush();
  CHECK(refusal.find("writer thread") != std::string::npos);
}
