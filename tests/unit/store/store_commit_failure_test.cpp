// Store tests: a batch that cannot commit is rolled back, reported Done(false), counted and logged.
#include "posted_completions.hpp"
#include "store_scan_helpers.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_connection.hpp"
#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <string>
#include <vector>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

namespace {

// Collects log lines from the writer thread.
class CollectedLog {
public:
  StoreLogger logger() {
    return [this](std::string line) {
      std::lock_guard lock(mutex_);
      lines_.push_back(std::move(line));
    };
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

} // namespace

TEST_CASE("a failing write rolls back its whole batch; the next batch commits") {
  TempDirectory directory;
  const std::string path = directory.file("store.db");
  PostedCompletions completions;
  CollectedLog log;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = path, .logger = log.logger()},
                                 completions.poster());
  // Another connection makes one key unwritable.
  SqliteConnection::open(path).execute(
      "CREATE TRIGGER refuse_poison BEFORE INSERT ON records WHEN NEW.key = 'poison' "
      "BEGIN SELECT RAISE(ABORT, 'poison refused'); END");

  std::vector<std::pair<std::string, bool>> results;
  auto record = [&results](std::string name) {
    return [&results, name](bool committed) { results.emplace_back(name, committed); };
  };
  store->put("t", "before", "1", record("before"));
  store->flush();
  store->put("t", "poison", "1", record("poison"));
  store->put("t", "same-batch", "1", record("same-batch"));
  store->flush();
  store->put("t", "after", "1", record("after"));
  store->flush();
  completions.run_all();

  // "poison" and "same-batch" share a batch unless the writer was fast enough to split them.
  const StoreStats stats = store->stats();
  CHECK(stats.failed_commits >= 1);
  CHECK(results.front() == std::make_pair(std::string("before"), true));
  CHECK(results.at(1) == std::make_pair(std::string("poison"), false));
  CHECK(results.back() == std::make_pair(std::string("after"), true));
  CHECK(read_namespace(*store, "t").count("poison") == 0);
  CHECK(read_namespace(*store, "t").count("after") == 1);
  if (stats.failed_commits == 1 && stats.commits == 2) {
    CHECK(results.at(2) == std::make_pair(std::string("same-batch"), false));
    CHECK(read_namespace(*store, "t").count("same-batch") == 0);
  }

  const auto lines = log.lines();
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front().find(path) != std::string::npos);
  CHECK(lines.front().find("poison refused") != std::string::npos);
}

TEST_CASE("a batch that cannot get the write lock in time fails, and later ones commit") {
  TempDirectory directory;
  const std::string path = directory.file("store.db");
  PostedCompletions completions;
  CollectedLog log;
  auto store = open_sqlite_store(
      SqliteStoreOptions{.path = path, .busy_timeout_ms = 50, .logger = log.logger()},
      completions.poster());
  std::vector<bool> results;
  auto record = [&results](bool committed) { results.push_back(committed); };
  {
    SqliteConnection lock_holder = SqliteConnection::open(path);
    lock_holder.execute("BEGIN IMMEDIATE");
    store->put("t", "blocked", "1", record);
    store->flush();
    lock_holder.execute("ROLLBACK");
  }
  store->put("t", "free", "1", record);
  store->flush();
  completions.run_all();

  CHECK(results == std::vector<bool>{false, true});
  CHECK(store->stats().failed_commits == 1);
  CHECK(store->stats().commits == 1);
  CHECK(read_namespace(*store, "t") == std::map<std::string, std::string>{{"free", "1"}});
  REQUIRE(log.lines().size() == 1);
  CHECK(log.lines().front().find("database is locked") != std::string::npos);
}
