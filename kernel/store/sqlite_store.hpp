// The SQLite (WAL) implementation of Store: its options and the function that opens it.
#pragma once

#include "store/store.hpp"
#include "store/store_error.hpp"
#include "store/store_logger.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lineside::kernel {

/**
 * Hands on the Done callbacks of one committed batch, already bound to their result, in queue
 * order. Called on the store's writer thread; the kernel posts the batch to the SIP thread.
 */
using CompletionPoster = std::function<void(std::vector<std::function<void()>> &&batch)>;

struct SqliteStoreOptions {
  std::string path;             ///< database file; its directory must exist. Created with mode 0600.
  bool synchronous_full = true; ///< fsync every commit (FULL); false = NORMAL (fsync at checkpoints)
  size_t batch_max = 1024;      ///< most writes committed in one transaction
  int busy_timeout_ms = 5000;   ///< how long a commit waits for another process holding the lock
  StoreLogger logger = log_store_message_to_stderr;
};

/**
 * Open (creating if needed) the store at opts.path and start its writer thread.
 * Throws StoreError naming the path and SQLite's reason when the file cannot be opened or
 * created, is not a database, belongs to something else, or the schema cannot be set up.
 */
std::unique_ptr<Store> open_sqlite_store(const SqliteStoreOptions &opts, CompletionPoster poster);

} // namespace lineside::kernel
