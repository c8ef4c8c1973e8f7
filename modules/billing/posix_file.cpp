// billing/posix_file.cpp: POSIX file helpers with errors as text.
#include "posix_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lineside::billing {

void Fd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string errno_text(const std::string &what, const std::string &path) {
  return what + " " + path + ": " + std::strerror(errno);
}

std::string parent_of(const std::string &path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string make_directories(const std::string &dir) {
  if (dir.empty() || dir == "." || dir == "/") return "";
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return "";
    return "cannot use " + dir + " as a folder: it is not a directory";
  }
  if (std::string err = make_directories(parent_of(dir)); !err.empty()) return err;
  if (::mkdir(dir.c_str(), 0750) != 0 && errno != EEXIST) return errno_text("cannot create", dir);
  return "";
}

std::string open_append(const std::string &path, Fd &out) {
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return errno_text("cannot open", path);
  Fd owned(fd);
  if (::fchmod(fd, 0640) != 0) return errno_text("cannot set mode 0640 on", path);
  out = std::move(owned);
  return "";
}

std::string write_all(int fd, std::string_view data, const std::string &path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_text("cannot write", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return "";
}

int64_t file_size(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return -1;
  return static_cast<int64_t>(st.st_size);
}

std::string sync_file(int fd, const std::string &path) {
  if (::fsync(fd) != 0) return errno_text("cannot fsync", path);
  return "";
}

std::string sync_parent_directory(const std::string &path) {
  const std::string dir = parent_of(path);
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return errno_text("cannot open folder", dir);
  if (::fsync(fd.get()) != 0) return errno_text("cannot fsync folder", dir);
  return "";
}

bool read_at(int fd, int64_t offset, size_t len, std::string &out) {
  out.assign(len, '\0');
  size_t done = 0;
  while (done < len) {
    const ssize_t n = ::pread(fd, out.data() + done, len - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return true;
}

}  // namespace lineside::billing
