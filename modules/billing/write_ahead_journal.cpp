// billing/write_ahead_journal.cpp: framing, appending, clearing and reading the journal.
#include "write_ahead_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>

namespace lineside::billing {
namespace {

std::string frame(const JournalEntry &e) {
  char head[96];
  std::snprintf(head, sizeof head, "R %" PRId64 " %zu %08" PRIx32 "\n", e.offset, e.payload.size(),
                fnv1a32(e.payload));
  return head + e.payload + "\n";
}

/// Parses one frame at `pos`; returns false at a torn or corrupt frame.
bool parse_frame(const std::string &text, size_t &pos, JournalEntry &out) {
  const size_t eol = text.find('\n', pos);
  if (eol == std::string::npos || eol - pos > 80) return false;
  const std::string head = text.substr(pos, eol - pos);
  long long offset = 0;
  unsigned long long length = 0;
  unsigned int hash = 0;
  int used = 0;
  if (std::sscanf(head.c_str(), "R %lld %llu %8x%n", &offset, &length, &hash, &used) != 3 ||
      static_cast<size_t>(used) != head.size() || offset < 0)
    return false;
  const size_t body = eol + 1;
  if (length > text.size() || body + length + 1 > text.size() || text[body + length] != '\n')
    return false;
  out.offset = offset;
  out.payload = text.substr(body, length);
  if (fnv1a32(out.payload) != hash) return false;
  pos = body + length + 1;
  return true;
}

}  // namespace

uint32_t fnv1a32(const std::string &data) {
  uint32_t h = 2166136261u;
  for (unsigned char c : data) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string WriteAheadJournal::open(const std::string &path) {
  path_ = path;
  if (std::string err = open_append(path, fd_); !err.empty()) return err;
  size_ = file_size(fd_.get());
  return size_ < 0 ? errno_text("cannot stat", path) : "";
}

std::string WriteAheadJournal::append(const std::vector<JournalEntry> &entries) {
  std::string text;
  for (const JournalEntry &e : entries) text += frame(e);
  if (std::string err = write_all(fd_.get(), text, path_); !err.empty()) {
    if (::ftruncate(fd_.get(), static_cast<off_t>(size_)) != 0) {
      return err + "; cutting the journal back failed too: " + errno_text("truncate", path_);
    }
    return err;
  }
  size_ += static_cast<int64_t>(text.size());
  return "";
}

std::string WriteAheadJournal::sync() {
  return sync_file(fd_.get(), path_);
}

std::string WriteAheadJournal::clear(bool durable) {
  if (::ftruncate(fd_.get(), 0) != 0) return errno_text("cannot truncate", path_);
  size_ = 0;
  return durable ? sync() : "";
}

bool WriteAheadJournal::read(const std::string &path, std::vector<JournalEntry> &out,
                             std::string &err) {
  out.clear();
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return true;
    err = errno_text("cannot open", path);
    return false;
  }
  const int64_t size = file_size(fd.get());
  std::string text;
  if (size < 0 || !read_at(fd.get(), 0, static_cast<size_t>(size), text)) {
    err = errno_text("cannot read", path);
    return false;
  }
  size_t pos = 0;
  JournalEntry entry;
  while (pos < text.size() && parse_frame(text, pos, entry)) out.push_back(std::move(entry));
  return true;
}

}  // namespace lineside::billing
