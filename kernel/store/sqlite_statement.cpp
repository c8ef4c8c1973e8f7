// SqliteStatement: preparing, binding, stepping and reading one reusable statement.
#include "store/sqlite_statement.hpp"

#include "store/store_error.hpp"

namespace lineside::kernel {

SqliteStatement::SqliteStatement(sqlite3 *db, std::string_view sql) {
  sqlite3_stmt *raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK || raw == nullptr) {
    throw StoreError(sqlite3_errmsg(db));
  }
}

int SqliteStatement::bind_text(int index, std::string_view text) {
  return sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC,
                             SQLITE_UTF8);
}

int SqliteStatement::bind_blob(int index, std::string_view bytes) {
  // A null data pointer would bind SQL NULL; an empty value must stay an empty blob.
  if (bytes.empty()) {
    return sqlite3_bind_zeroblob(stmt_.get(), index, 0);
  }
  return sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_STATIC);
}

int SqliteStatement::bind_int64(int index, int64_t value) {
  return sqlite3_bind_int64(stmt_.get(), index, value);
}

int SqliteStatement::step() { return sqlite3_step(stmt_.get()); }

void SqliteStatement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string_view SqliteStatement::column_text(int i) {
  const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt_.get(), i));
  const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), i));
  return text == nullptr ? std::string_view() : std::string_view(text, size);
}

std::string_view SqliteStatement::column_blob(int i) {
  const auto *bytes = static_cast<const char *>(sqlite3_column_blob(stmt_.get(), i));
  const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), i));
  return bytes == nullptr ? std::string_view() : std::string_view(bytes, size);
}

int64_t SqliteStatement::column_int64(int i) { return sqlite3_column_int64(stmt_.get(), i); }

} // namespace lineside::kernel
