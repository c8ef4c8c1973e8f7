// SqliteConnection: RAII owner of one sqlite3 connection handle.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

namespace lineside::kernel {

/** One open SQLite connection, closed on destruction. Use from one thread at a time. */
class SqliteConnection {
public:
  /**
   * Open (creating if absent) the database file at path, read-write.
   * Throws StoreError("<SQLite reason> (<OS reason>)") without the path; callers add it.
   */
  static SqliteConnection open(const std::string &path);

  sqlite3 *get() const { return db_.get(); }

  /** Run SQL that returns no rows needed; throws StoreError with SQLite's message on failure. */
  void execute(const char *sql);
  /** Run SQL that returns one integer (a pragma); throws StoreError on failure or no row. */
  int64_t query_integer(const char *sql);
  /** Run SQL that returns one text value (a pragma); throws StoreError on failure or no row. */
  std::string query_text(const char *sql);
  /** SQLite's message for the last failure on this connection. */
  std::string last_error() const;

private:
  struct Closer {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteConnection(sqlite3 *db) : db_(db) {}

  std::unique_ptr<sqlite3, Closer> db_;
};

} // namespace lineside::kernel
