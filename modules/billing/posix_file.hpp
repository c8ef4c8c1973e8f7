// billing/posix_file.hpp: a file descriptor owner and the few POSIX file operations the durable
// outputs need, each reporting failures as text (errno explained).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace lineside::billing {

/// Owns one file descriptor (closed on destruction). Move-only.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(Fd &&other) noexcept : fd_(other.release()) {}
  Fd &operator=(Fd &&other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;

  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_ = -1;
};

/// "what path: strerror(errno)".
std::string errno_text(const std::string &what, const std::string &path);

/// Create `dir` and its missing parents (mode 0750). Returns "" or the error.
std::string make_directories(const std::string &dir);

/// Open `path` read-write for appending, creating it with mode 0640 (forced, whatever the umask).
/// Returns "" or the error.
std::string open_append(const std::string &path, Fd &out);

/// Write all of `data` (retrying short writes and EINTR). Returns "" or the error.
std::string write_all(int fd, std::string_view data, const std::string &path);

/// Size of the open file, or -1.
int64_t file_size(int fd);

/// fsync `fd`. Returns "" or the error.
std::string sync_file(int fd, const std::string &path);

/// fsync the directory holding `path`, so a create or rename in it is durable. Returns "" or error.
std::string sync_parent_directory(const std::string &path);

/// Read `len` bytes at `offset` (shorter at end of file). Returns false on a read error.
bool read_at(int fd, int64_t offset, size_t len, std::string &out);

/// The folder part of `path` ("." when it has none).
std::string parent_of(const std::string &path);

}  // namespace lineside::billing
