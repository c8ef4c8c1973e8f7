// SqliteConnection: opening a database file and running one-shot SQL on it.
#include "store/sqlite_connection.hpp"

#include "store/sqlite_statement.hpp"
#include "store/store_error.hpp"

#include <cerrno>
#include <cstring>

namespace lineside::kernel {

namespace {

// SQLite's message, plus the operating system's when a system call is what failed.
std::string describe_open_failure(sqlite3 *db, int rc) {
  std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int os_error = db != nullptr ? sqlite3_system_errno(db) : 0;
  if (os_error != 0) {
    reason += " (";
    reason += std::strerror(os_error);
    reason += ")";
  }
  return reason;
}

} // namespace

SqliteConnection SqliteConnection::open(const std::string &path) {
  sqlite3 *raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteConnection connection(raw); // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    throw StoreError(describe_open_failure(raw, rc));
  }
  if (sqlite3_db_readonly(raw, "main") == 1) {
    throw StoreError("the file is read-only for this process");
  }
  sqlite3_extended_result_codes(raw, 1);
  return connection;
}

void SqliteConnection::execute(const char *sql) {
  char *message = nullptr;
  const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StoreError(reason);
  }
}

int64_t SqliteConnection::query_integer(const char *sql) {
  SqliteStatement statement(db_.get(), sql);
  if (statement.step() != SQLITE_ROW) {
    throw StoreError(last_error());
  }
  return statement.column_int64(0);
}

std::string SqliteConnection::query_text(const char *sql) {
  SqliteStatement statement(db_.get(), sql);
  if (statement.step() != SQLITE_ROW) {
    throw StoreError(last_error());
  }
  return std::string(statement.column_text(0));
}

std::string SqliteConnection::last_error() const { return sqlite3_errmsg(db_.get()); }

} // namespace lineside::kernel
