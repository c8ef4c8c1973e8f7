// Creating and checking the store's schema, and the pragmas each connection runs with.
#include "store/sqlite_store_schema.hpp"

#include "store/store_error.hpp"

#include <string>

namespace lineside::kernel {

namespace {

constexpr const char *create_records_table = R"sql(
CREATE TABLE records(
  ns            TEXT    NOT NULL,
  key           TEXT    NOT NULL,
  value         BLOB    NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY(ns, key)
) WITHOUT ROWID
)sql";

void set_busy_timeout(SqliteConnection &db, int busy_timeout_ms) {
  if (sqlite3_busy_timeout(db.get(), busy_timeout_ms) != SQLITE_OK) {
    throw StoreError(db.last_error());
  }
}

void create_schema(SqliteConnection &db) {
  db.execute(create_records_table);
  db.execute(("PRAGMA application_id = " + std::to_string(store_application_id)).c_str());
  db.execute(("PRAGMA user_version = " + std::to_string(store_schema_version)).c_str());
}

void check_schema(SqliteConnection &db) {
  const int64_t application_id = db.query_integer("PRAGMA application_id");
  const int64_t version = db.query_integer("PRAGMA user_version");
  if (application_id == 0 && version == 0) {
    if (db.query_integer("SELECT count(*) FROM sqlite_schema") != 0) {
      throw StoreError("the file is an SQLite database of some other application, not a "
                       "Lineside store");
    }
    create_schema(db);
    return;
  }
  if (application_id != store_application_id) {
    throw StoreError("the file is an SQLite database of some other application (application_id " +
                     std::to_string(application_id) + "), not a Lineside store");
  }
  if (version != store_schema_version) {
    throw StoreError("the store has schema version " + std::to_string(version) +
                     ", this build understands version " + std::to_string(store_schema_version));
  }
}

// Ends the transaction on scope exit: committed if commit() was reached, rolled back otherwise.
class SchemaTransaction {
public:
  explicit SchemaTransaction(SqliteConnection &db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }
  SchemaTransaction(const SchemaTransaction &) = delete;
  SchemaTransaction &operator=(const SchemaTransaction &) = delete;
  ~SchemaTransaction() {
    if (!sqlite3_get_autocommit(db_.get())) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  void commit() { db_.execute("COMMIT"); }

private:
  SqliteConnection &db_;
};

} // namespace

void configure_write_connection(SqliteConnection &db, const ConnectionSettings &settings) {
  set_busy_timeout(db, settings.busy_timeout_ms);
  // The first statement to read the file: a file that is not a database fails here.
  const std::string journal_mode = db.query_text("PRAGMA journal_mode = WAL");
  if (journal_mode != "wal") {
    throw StoreError("cannot use write-ahead logging (journal mode stays \"" + journal_mode +
                     "\")");
  }
  db.execute(settings.synchronous_full ? "PRAGMA synchronous = FULL"
                                       : "PRAGMA synchronous = NORMAL");
}

void configure_read_connection(SqliteConnection &db, const ConnectionSettings &settings) {
  set_busy_timeout(db, settings.busy_timeout_ms);
  db.execute("PRAGMA query_only = ON");
}

void ensure_store_schema(SqliteConnection &db) {
  // IMMEDIATE: two processes opening a new store at once must not both create the table.
  SchemaTransaction transaction(db);
  check_schema(db);
  transaction.commit();
}

} // namespace lineside::kernel
