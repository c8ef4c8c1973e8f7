// billing/durable_file.hpp: one append-only output file that never loses or repeats a record
// across a crash, restart or rotation (write-ahead journal + offsets).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "file_rotation.hpp"
#include "posix_file.hpp"
#include "write_ahead_journal.hpp"

namespace lineside::billing {

/**
 * An output file ("smdr.txt") with its journal next to it ("smdr.txt.journal").
 *
 * write(): each record is framed into the journal with the offset it will take in the visible
 * file; the journal is fsynced when asked (the fsync policy); only then are the records appended
 * to the visible file. A checkpoint (fsync the file, empty the journal) runs when the journal
 * passes `checkpoint_bytes`, before a rotation and at close.
 *
 * open(): the journal's entries are compared with the visible file: an entry whose bytes are
 * already at its offset is skipped, a torn tail is cut at the entry's offset and rewritten, a
 * missing entry is appended. So a record journaled before a crash is in the file exactly once.
 *
 * Rotation (size / daily, see RotationPolicy): checkpoint, rename to rotated_name(), start a new
 * file (with `header`, for CSV), prune old rotated files. Files are created 0640.
 * Not thread-safe: the writer thread owns it.
 */
class DurableFile {
 public:
  DurableFile(std::string path, std::string header, RotationPolicy rotation,
              int64_t checkpoint_bytes = 256 * 1024);

  /// Create folders, open the file and the journal, replay the journal. `now_unix` dates a new
  /// file. Returns "" or the error; `replayed` gets the number of records the replay appended.
  std::string open(int64_t now_unix, size_t &replayed);
  /// Journal, (fsync when `sync`), append. Rotates first when due. Returns "" or the error: then
  /// nothing is visible and the same records may be written again (the journal copes).
  std::string write(const std::vector<std::string> &records, bool sync, int64_t now_unix);
  /// Daily rotation without a write (called on the writer's tick).
  std::string rotate_if_due(int64_t now_unix, bool sync);
  /// fsync the file when `sync`, then empty the journal.
  std::string checkpoint(bool sync);
  /// Checkpoint and close. Returns "" or the error.
  std::string close(bool sync);

  [[nodiscard]] const std::string &path() const { return path_; }
  [[nodiscard]] int64_t size() const { return size_; }
  [[nodiscard]] int64_t journal_bytes() const { return journal_.size(); }
  [[nodiscard]] bool is_open() const { return fd_.valid(); }
  /// Records appended since open.
  [[nodiscard]] uint64_t records_written() const { return records_written_; }
  /// Problems that did not stop a write (an old rotated file that could not be deleted, a
  /// journal entry that disagreed with the file at replay), emptied by the call.
  std::vector<std::string> take_warnings();

 private:
  std::string replay(const std::vector<JournalEntry> &entries, size_t &replayed);
  std::string start_file(int64_t now_unix);
  std::string rotate(int64_t now_unix, bool sync);
  [[nodiscard]] bool has_records() const { return size_ > static_cast<int64_t>(header_.size()); }

  std::string path_;
  std::string header_;
  RotationPolicy rotation_;
  int64_t checkpoint_bytes_;
  Fd fd_;
  WriteAheadJournal journal_;
  int64_t size_ = 0;
  int file_day_ = 0;  ///< local day (YYYYMMDD) the current file's records began
  uint64_t records_written_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace lineside::billing
