// SqliteBatchWriter: one transaction per batch with reused prepared statements; rollback on failure.
#include "store/sqlite_batch_writer.hpp"

namespace lineside::kernel {

SqliteBatchWriter::SqliteBatchWriter(SqliteConnection connection)
    : connection_(std::move(connection)),
      begin_(connection_.get(), "BEGIN IMMEDIATE"),
      commit_(connection_.get(), "COMMIT"),
      rollback_(connection_.get(), "ROLLBACK"),
      upsert_(connection_.get(),
              "INSERT INTO records(ns, key, value, updated_at_ms) VALUES(?1, ?2, ?3, ?4) "
              "ON CONFLICT(ns, key) DO UPDATE SET value = excluded.value, "
              "updated_at_ms = excluded.updated_at_ms"),
      delete_(connection_.get(), "DELETE FROM records WHERE ns = ?1 AND key = ?2") {}

BatchOutcome SqliteBatchWriter::commit(std::span<const PendingWrite> batch, int64_t now_unix_ms) {
  if (run(begin_) != SQLITE_DONE) {
    return roll_back("BEGIN");
  }
  for (const PendingWrite &write : batch) {
    if (apply(write, now_unix_ms) != SQLITE_DONE) {
      return roll_back(write.kind == PendingWrite::Kind::put ? "put" : "erase");
    }
  }
  if (run(commit_) != SQLITE_DONE) {
    return roll_back("COMMIT");
  }
  return BatchOutcome{true, {}};
}

int SqliteBatchWriter::apply(const PendingWrite &write, int64_t now_unix_ms) {
  SqliteStatement &statement = write.kind == PendingWrite::Kind::put ? upsert_ : delete_;
  int rc = statement.bind_text(1, write.ns);
  if (rc == SQLITE_OK) rc = statement.bind_text(2, write.key);
  if (write.kind == PendingWrite::Kind::put) {
    if (rc == SQLITE_OK) rc = statement.bind_blob(3, write.value);
    if (rc == SQLITE_OK) rc = statement.bind_int64(4, now_unix_ms);
  }
  if (rc != SQLITE_OK) {
    last_failure_ = sqlite3_errstr(rc);
    statement.reset();
    return rc;
  }
  return run(statement);
}

int SqliteBatchWriter::run(SqliteStatement &statement) {
  const int rc = statement.step();
  if (rc != SQLITE_DONE) {
    last_failure_ = connection_.last_error(); // before reset(), which may overwrite it
  }
  statement.reset();
  return rc;
}

BatchOutcome SqliteBatchWriter::roll_back(const char *stage) {
  std::string failure = std::string(stage) + ": " + last_failure_;
  if (!sqlite3_get_autocommit(connection_.get())) {
    run(rollback_);
  }
  return BatchOutcome{false, std::move(failure)};
}

} // namespace lineside::kernel
