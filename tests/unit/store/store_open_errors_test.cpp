// Store tests: opening fails with a clear error naming the path and the reason.
#include "posted_completions.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_connection.hpp"
#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

namespace {

// The message of the StoreError that opening path throws, or "" when it opens.
std::string open_failure(const std::string &path) {
  PostedCompletions completions;
  try {
    open_sqlite_store(SqliteStoreOptions{.path = path}, completions.poster());
  } catch (const StoreError &error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST_CASE("a path in a missing directory") {
  TempDirectory directory;
  const std::string path = directory.file("missing/store.db");
  CHECK(open_failure(path) ==
        "cannot open store " + path + ": unable to open database file (No such file or directory)");
  CHECK_FALSE(std::filesystem::exists(directory.path() / "missing"));
}

TEST_CASE("a path that is a directory") {
  TempDirectory directory;
  const std::string path = directory.file("a-directory");
  std::filesystem::create_directory(path);
  CHECK(open_failure(path) ==
        "cannot open store " + path + ": unable to open database file (Is a directory)");
}

TEST_CASE("a file that is not a database") {
  TempDirectory directory;
  const std::string path = directory.file("notes.txt");
  std::ofstream(path) << std::string(4096, 'x');
  CHECK(open_failure(path) == "cannot open store " + path + ": file is not a database");
  CHECK(std::filesystem::file_size(path) == 4096); // left untouched
}

TEST_CASE("an SQLite database of some other application") {
  TempDirectory directory;
  const std::string path = directory.file("other.db");
  SqliteConnection::open(path).execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY)");
  CHECK(open_failure(path) == "cannot open store " + path +
                                  ": the file is an SQLite database of some other application, "
                                  "not a Lineside store");
}

TEST_CASE("a store written by a newer schema version") {
  TempDirectory directory;
  const std::string path = directory.file("store.db");
  PostedCompletions completions;
  open_sqlite_store(SqliteStoreOptions{.path = path}, completions.poster()).reset();
  SqliteConnection::open(path).execute("PRAGMA user_version = 2");
  CHECK(open_failure(path) == "cannot open store " + path +
                                  ": the store has schema version 2, this build understands "
                                  "version 1");
}

TEST_CASE("an empty path") {
  CHECK(open_failure("") == "cannot open store : a database file path is required");
}
