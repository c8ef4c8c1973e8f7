// billing/write_ahead_journal.hpp: the journal a durable output writes each record to before the
// record is appended to the visible file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "posix_file.hpp"

namespace lineside::billing {

/// One journaled record: the bytes and the offset they take in the visible file.
struct JournalEntry {
  int64_t offset = 0;
  std::string payload;
};

/**
 * An append-only journal file of JournalEntry items, each framed as
 * "R <offset> <length> <fnv1a32 hex>\n<payload>\n" so a torn or corrupt tail is recognised and
 * ignored. Mode 0640. Not thread-safe (the writer thread owns it).
 */
class WriteAheadJournal {
 public:
  /// Open (create) `path` for appending. Returns "" or the error.
  std::string open(const std::string &path);
  /// Append `entries` in one write; on failure the journal is cut back to its size before.
  std::string append(const std::vector<JournalEntry> &entries);
  /// fsync the journal.
  std::string sync();
  /// Empty the journal (every entry is durable in the visible file); fsync when `durable`.
  std::string clear(bool durable);
  /// Bytes currently in the journal.
  [[nodiscard]] int64_t size() const { return size_; }
  [[nodiscard]] const std::string &path() const { return path_; }

  /// The entries of the journal at `path`, up to the first torn or corrupt frame (a missing file
  /// has none). Returns false with `err` set only when the file exists but cannot be read.
  static bool read(const std::string &path, std::vector<JournalEntry> &out, std::string &err);

 private:
  std::string path_;
  Fd fd_;
  int64_t size_ = 0;
};

/// FNV-1a 32-bit hash of `data` (the journal's frame check).
uint32_t fnv1a32(const std::string &data);

}  // namespace lineside::billing
