// billing/durable_file.cpp: journal-first appends, replay at open, checkpoints and rotation.
#include "durable_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <utility>

namespace lineside::billing {

DurableFile::DurableFile(std::string path, std::string header, RotationPolicy rotation,
                         int64_t checkpoint_bytes)
    : path_(std::move(path)),
      header_(std::move(header)),
      rotation_(rotation),
      checkpoint_bytes_(checkpoint_bytes) {}

std::vector<std::string> DurableFile::take_warnings() {
  return std::exchange(warnings_, {});
}

std::string DurableFile::start_file(int64_t now_unix) {
  if (std::string err = open_append(path_, fd_); !err.empty()) return err;
  size_ = file_size(fd_.get());
  if (size_ < 0) return errno_text("cannot stat", path_);
  if (size_ == 0 && !header_.empty()) {
    if (std::string err = write_all(fd_.get(), header_, path_); !err.empty()) return err;
    size_ = static_cast<int64_t>(header_.size());
  }
  file_day_ = local_day(now_unix);
  if (has_records()) {
    struct stat st {};
    if (::fstat(fd_.get(), &st) == 0) file_day_ = local_day(static_cast<int64_t>(st.st_mtime));
  }
  return "";
}

std::string DurableFile::open(int64_t now_unix, size_t &replayed) {
  replayed = 0;
  if (std::string err = make_directories(parent_of(path_)); !err.empty()) return err;
  if (std::string err = start_file(now_unix); !err.empty()) return err;
  const std::string journal_path = path_ + ".journal";
  std::vector<JournalEntry> entries;
  std::string err;
  if (!WriteAheadJournal::read(journal_path, entries, err)) return err;
  if (err = replay(entries, replayed); !err.empty()) return err;
  if (replayed > 0) {
    if (err = sync_file(fd_.get(), path_); !err.empty()) return err;
  }
  if (err = journal_.open(journal_path); !err.empty()) return err;
  return journal_.clear(true);
}

std::string DurableFile::replay(const std::vector<JournalEntry> &entries, size_t &replayed) {
  for (const JournalEntry &e : entries) {
    const auto len = static_cast<int64_t>(e.payload.size());
    if (e.offset + len <= size_) {
      std::string there;
      if (!read_at(fd_.get(), e.offset, e.payload.size(), there))
        return errno_text("cannot read", path_);
      if (there == e.payload) continue;  // written before the stop: nothing to do
      warnings_.push_back("journal entry at offset " + std::to_string(e.offset) + " of " + path_ +
                          " differs from the file (edited by hand?): appended again");
    } else if (e.offset < size_) {
      // A torn append: cut the partial record and write it whole.
      if (::ftruncate(fd_.get(), static_cast<off_t>(e.offset)) != 0)
        return errno_text("cannot truncate", path_);
      size_ = e.offset;
    }
    if (std::string err = write_all(fd_.get(), e.payload, path_); !err.empty()) return err;
    size_ += len;
    ++replayed;
  }
  return "";
}

std::string DurableFile::write(const std::vector<std::string> &records, bool sync,
                               int64_t now_unix) {
  if (records.empty()) return "";
  if (!fd_.valid()) return "output " + path_ + " is not open";
  int64_t total = 0;
  for (const std::string &r : records) total += static_cast<int64_t>(r.size());
  const bool too_big = rotation_.max_bytes > 0 && size_ + total > rotation_.max_bytes;
  if (has_records() && too_big) {
    if (std::string err = rotate(now_unix, sync); !err.empty()) return err;
  } else if (std::string err = rotate_if_due(now_unix, sync); !err.empty()) {
    return err;
  }
  std::vector<JournalEntry> entries;
  entries.reserve(records.size());
  std::string text;
  int64_t offset = size_;
  for (const std::string &r : records) {
    entries.push_back(JournalEntry{offset, r});
    offset += static_cast<int64_t>(r.size());
    text += r;
  }
  if (std::string err = journal_.append(entries); !err.empty()) return err;
  if (sync) {
    if (std::string err = journal_.sync(); !err.empty()) return err;
  }
  if (std::string err = write_all(fd_.get(), text, path_); !err.empty()) {
    if (::ftruncate(fd_.get(), static_cast<off_t>(size_)) != 0) {
      return err + "; " + errno_text("cannot cut back", path_);
    }
    return err;
  }
  size_ += total;
  records_written_ += records.size();
  if (journal_.size() >= checkpoint_bytes_) return checkpoint(sync);
  return "";
}

std::string DurableFile::rotate_if_due(int64_t now_unix, bool sync) {
  if (!rotation_.daily || !fd_.valid()) return "";
  const int today = local_day(now_unix);
  if (today == file_day_) return "";
  if (!has_records()) {
    file_day_ = today;
    return "";
  }
  return rotate(now_unix, sync);
}

std::string DurableFile::rotate(int64_t now_unix, bool sync) {
  if (std::string err = checkpoint(sync); !err.empty()) return err;
  const std::string rotated = rotated_name(path_, file_day_);
  if (::rename(path_.c_str(), rotated.c_str()) != 0) return errno_text("cannot rotate", path_);
  fd_.reset();
  if (std::string err = start_file(now_unix); !err.empty()) return err;
  if (sync) {
    if (std::string err = sync_parent_directory(path_); !err.empty()) return err;
  }
  for (std::string &e : prune_rotated(path_, rotation_.keep_files))
    warnings_.push_back(std::move(e));
  return "";
}

std::string DurableFile::checkpoint(bool sync) {
  if (!fd_.valid() || journal_.size() == 0) return "";
  if (sync) {
    if (std::string err = sync_file(fd_.get(), path_); !err.empty()) return err;
  }
  return journal_.clear(sync);
}

std::string DurableFile::close(bool sync) {
  std::string err = checkpoint(sync);
  fd_.reset();
  return err;
}

}  // namespace lineside::billing
