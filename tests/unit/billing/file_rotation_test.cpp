// Rotated file names and their listing order.
#include "file_rotation.hpp"

#include <doctest/doctest.h>

#include "billing_test_support.hpp"

namespace lineside::billing {
namespace {

TEST_CASE("rotated names: stem-day.ext, then stem-day-n.ext while taken") {
  test::TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  CHECK(rotated_name(path, 20240305) == dir.file("smdr-20240305.txt"));
  test::write_file(dir.file("smdr-20240305.txt"), "a");
  CHECK(rotated_name(path, 20240305) == dir.file("smdr-20240305-1.txt"));
  test::write_file(dir.file("smdr-20240305-1.txt"), "b");
  CHECK(rotated_name(path, 20240305) == dir.file("smdr-20240305-2.txt"));
  CHECK(rotated_name(dir.file("calls"), 20240306) == dir.file("calls-20240306"));
}

TEST_CASE("rotated files are listed by day then sequence, other files ignored") {
  test::TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  for (const char *name :
       {"smdr-20240306.txt", "smdr-20240305-10.txt", "smdr-20240305.txt", "smdr-20240305-2.txt",
        "smdr.txt", "smdr.txt.journal", "smdr-2024.txt", "smdr-20240305-x.txt", "cdr-20240301.txt"})
    test::write_file(dir.file(name), "x");
  CHECK(rotated_files(path) ==
        std::vector<std::string>{dir.file("smdr-20240305.txt"), dir.file("smdr-20240305-2.txt"),
                                 dir.file("smdr-20240305-10.txt"), dir.file("smdr-20240306.txt")});
  CHECK(prune_rotated(path, 1).empty());
  CHECK(rotated_files(path) == std::vector<std::string>{dir.file("smdr-20240306.txt")});
}

TEST_CASE("local_day is YYYYMMDD of local time") {
  CHECK(local_day(test::local_ms(2024, 3, 5, 23, 59, 59) / 1000) == 20240305);
  CHECK(local_day(test::local_ms(2024, 3, 6, 0, 0, 0) / 1000) == 20240306);
}

}  // namespace
}  // namespace lineside::billing
