// SqliteBatchWriter: commits a batch of pending writes in one transaction on the writing connection.
#pragma once

#include "store/pending_write.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_statement.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace lineside::kernel {

/** The result of one batch: committed, or rolled back with SQLite's reason. */
struct BatchOutcome {
  bool committed = false;
  std::string failure; ///< empty when committed
};

/**
 * Owns the writing connection and its reused prepared statements.
 * THREAD: only the store's writer thread, after construction.
 */
class SqliteBatchWriter {
public:
  /** Takes a connection already configured with the store schema. Throws StoreError. */
  explicit SqliteBatchWriter(SqliteConnection connection);

  /**
   * Apply every write of batch in one BEGIN IMMEDIATE ... COMMIT transaction, stamping puts with
   * now_unix_ms. On any failure the whole batch is rolled back.
   */
  BatchOutcome commit(std::span<const PendingWrite> batch, int64_t now_unix_ms);

private:
  int apply(const PendingWrite &write, int64_t now_unix_ms);
  int run(SqliteStatement &statement);
  BatchOutcome roll_back(const char *stage);

  // Declared first so it is destroyed last, after the statements that belong to it.
  SqliteConnection connection_;
  SqliteStatement begin_;
  SqliteStatement commit_;
  SqliteStatement rollback_;
  SqliteStatement upsert_;
  SqliteStatement delete_;
  std::string last_failure_; ///< SQLite's message for the last failed step or bind
};

} // namespace lineside::kernel
