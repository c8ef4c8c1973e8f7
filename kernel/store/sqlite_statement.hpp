// SqliteStatement: RAII owner of one prepared sqlite3_stmt, with binding and stepping helpers.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace lineside::kernel {

/**
 * A prepared statement, finalized on destruction. Bound text and blobs are NOT copied: they must
 * outlive the next reset(), which also clears the bindings.
 */
class SqliteStatement {
public:
  /** Prepare sql on db for reuse; throws StoreError with SQLite's message on failure. */
  SqliteStatement(sqlite3 *db, std::string_view sql);

  /** Bind parameter index (1-based). Each returns SQLite's result code. */
  int bind_text(int index, std::string_view text);
  int bind_blob(int index, std::string_view bytes);
  int bind_int64(int index, int64_t value);

  /** Step once: SQLITE_ROW, SQLITE_DONE or an error code. */
  int step();
  /** Rewind for the next execution and drop the bindings. */
  void reset();

  /** Column i of the current row as a view (valid until the next step or reset). */
  std::string_view column_text(int i);
  std::string_view column_blob(int i);
  int64_t column_int64(int i);

private:
  struct Finalizer {
    void operator()(sqlite3_stmt *stmt) const { sqlite3_finalize(stmt); }
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

} // namespace lineside::kernel
