// Store tests: committed records survive closing and reopening, and closing drains queued writes.
#include "posted_completions.hpp"
#include "store_scan_helpers.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

TEST_CASE("records survive close and reopen") {
  for (const bool synchronous_full : {true, false}) {
    CAPTURE(synchronous_full);
    TempDirectory directory;
    const SqliteStoreOptions options{.path = directory.file("store.db"),
                                     .synchronous_full = synchronous_full};
    PostedCompletions completions;
    {
      auto store = open_sqlite_store(options, completions.poster());
      store->put("registrar", "1001", "first", nullptr);
      store->put("registrar", "1002", "second", nullptr);
      store->put("registrar", "1003", "third", nullptr);
      store->flush();
      store->erase("registrar", "1002", nullptr);
      store->put("registrar", "1003", "third, replaced", nullptr);
    }
    auto reopened = open_sqlite_store(options, completions.poster());
    CHECK(read_namespace(*reopened, "registrar") ==
          std::map<std::string, std::string>{{"1001", "first"}, {"1003", "third, replaced"}});
  }
}

TEST_CASE("closing the store commits every queued write and hands on every Done") {
  TempDirectory directory;
  const SqliteStoreOptions options{.path = directory.file("store.db")};
  PostedCompletions completions;
  constexpr int writes = 300;
  int committed = 0;
  {
    auto store = open_sqlite_store(options, completions.poster());
    for (int i = 0; i < writes; ++i) {
      store->put("drain", std::to_string(i), "value", [&committed](bool ok) { committed += ok; });
    }
    // No flush: the destructor must drain.
  }
  CHECK(completions.run_all() == writes);
  CHECK(committed == writes);
  auto reopened = open_sqlite_store(options, completions.poster());
  CHECK(read_namespace(*reopened, "drain").size() == writes);
}
