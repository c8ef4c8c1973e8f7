// Store tests: the database and its -wal / -shm files are private to the owner (mode 0600).
#include "posted_completions.hpp"
#include "temp_directory.hpp"

#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <sys/stat.h>

using namespace lineside::kernel;
using namespace lineside::kernel::testing;

namespace {

// Sets the process umask for the scope, restoring the previous one after.
class ScopedUmask {
public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ScopedUmask(const ScopedUmask &) = delete;
  ScopedUmask &operator=(const ScopedUmask &) = delete;
  ~ScopedUmask() { ::umask(previous_); }

private:
  mode_t previous_;
};

// Permission bits of path in octal ("0600"), or "missing".
std::string permission_bits(const std::string &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return "missing";
  }
  char octal[8];
  std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return octal;
}

} // namespace

TEST_CASE("database, -wal and -shm are created with mode 0600 whatever the umask") {
  const ScopedUmask permissive(0); // without care, files would come out 0644 or 0666
  TempDirectory directory;
  const std::string path = directory.file("store.db");
  PostedCompletions completions;
  auto store = open_sqlite_store(SqliteStoreOptions{.path = path}, completions.poster());
  store->put("registrar", "1001", "contact", nullptr);
  store->flush();

  CHECK(permission_bits(path) == "0600");
  CHECK(permission_bits(path + "-wal") == "0600");
  CHECK(permission_bits(path + "-shm") == "0600");
}
