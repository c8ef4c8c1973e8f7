// SqliteRecordReader: one read statement per scan over a namespace, in key order.
#include "store/sqlite_record_reader.hpp"

#include "store/sqlite_statement.hpp"
#include "store/store_error.hpp"

#include <optional>

namespace lineside::kernel {

SqliteRecordReader::SqliteRecordReader(SqliteConnection connection, StoreLogger logger)
    : connection_(std::move(connection)), logger_(std::move(logger)) {}

int64_t SqliteRecordReader::scan(const std::string &ns, const Store::Visitor &visit) {
  std::lock_guard lock(mutex_);
  // Prepared per scan (scans are rare) so that a visitor may start a nested scan.
  std::optional<SqliteStatement> select;
  try {
    select.emplace(connection_.get(), "SELECT key, value FROM records WHERE ns = ?1 ORDER BY key");
  } catch (const StoreError &error) {
    report_to_store_logger(logger_, "store scan of \"" + ns + "\" failed: " + error.what());
    return -1;
  }
  int rc = select->bind_text(1, ns);
  int64_t visited = 0;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = select->step();
    if (rc != SQLITE_ROW) {
      break;
    }
    ++visited;
    if (!visit(select->column_text(0), select->column_blob(1))) {
      return visited;
    }
  }
  if (rc != SQLITE_DONE) {
    report_to_store_logger(logger_, "store scan of \"" + ns + "\" failed: " +
                                        connection_.last_error());
    return -1;
  }
  return visited;
}

} // namespace lineside::kernel
