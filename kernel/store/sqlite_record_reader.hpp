// SqliteRecordReader: synchronous scans of committed records on the store's own reading connection.
#pragma once

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"
#include "store/store_logger.hpp"

#include <cstdint>
#include <mutex>
#include <string>

namespace lineside::kernel {

/**
 * Owns the reading connection. In WAL mode a reader sees the last committed state and neither
 * waits for nor blocks the writer. THREAD: any; scans are serialized, and a visitor may itself
 * scan (the same thread re-enters).
 */
class SqliteRecordReader {
public:
  /** Takes a connection configured for reading; failed scans are reported to logger. */
  SqliteRecordReader(SqliteConnection connection, StoreLogger logger);

  /** Visit the records of ns in key order; returns how many were visited, or -1 on error. */
  int64_t scan(const std::string &ns, const Store::Visitor &visit);

private:
  std::recursive_mutex mutex_;
  SqliteConnection connection_;
  StoreLogger logger_;
};

} // namespace lineside::kernel
