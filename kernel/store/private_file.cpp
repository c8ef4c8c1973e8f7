// Creating the store's database file with mode 0600, independent of the process umask.
#include "store/private_file.hpp"

#include "store/store_error.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lineside::kernel {

namespace {

constexpr mode_t owner_read_write = S_IRUSR | S_IWUSR;

// Owns one file descriptor, closed on destruction.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }

private:
  int fd_;
};

[[noreturn]] void throw_cannot_create(int os_error) {
  throw StoreError(std::string(sqlite3_errstr(SQLITE_CANTOPEN)) + " (" + std::strerror(os_error) +
                   ")");
}

} // namespace

void create_private_file_if_absent(const std::string &path) {
  FileDescriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                             owner_read_write));
  if (file.get() < 0) {
    if (errno == EEXIST) {
      return; // an existing file (or directory) is SQLite's to judge
    }
    throw_cannot_create(errno);
  }
  // The umask may have removed bits from the requested mode; set it exactly.
  if (::fchmod(file.get(), owner_read_write) != 0) {
    const int os_error = errno;
    ::unlink(path.c_str());
    throw_cannot_create(os_error);
  }
}

} // namespace lineside::kernel
