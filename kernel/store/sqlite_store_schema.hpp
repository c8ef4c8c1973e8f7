// The store's on-disk schema (records table, application id, schema version) and connection setup.
#pragma once

#include "store/sqlite_connection.hpp"

#include <cstdint>

namespace lineside::kernel {

/** PRAGMA application_id of a Lineside store: "LNSD". */
inline constexpr int64_t store_application_id = 0x4C4E5344;
/** PRAGMA user_version this build writes and understands. */
inline constexpr int64_t store_schema_version = 1;

struct ConnectionSettings {
  bool synchronous_full = true;
  int busy_timeout_ms = 5000;
};

/** Set up the writing connection: busy timeout, WAL journal, synchronous level. Throws StoreError. */
void configure_write_connection(SqliteConnection &db, const ConnectionSettings &settings);

/** Set up a reading connection: busy timeout, and refuse writes. Throws StoreError. */
void configure_read_connection(SqliteConnection &db, const ConnectionSettings &settings);

/**
 * Create the schema in an empty database, or check that an existing one is a Lineside store of a
 * version this build understands. Throws StoreError saying what is wrong.
 */
void ensure_store_schema(SqliteConnection &db);

} // namespace lineside::kernel
