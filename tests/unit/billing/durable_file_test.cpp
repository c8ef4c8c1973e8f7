// The durable output file: journal before append, replay after a crash at every step (a record
// is in the file exactly once), torn tails, checkpoints, rotation, modes.
#include "durable_file.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include "billing_test_support.hpp"

namespace lineside::billing {
namespace {

using test::read_file;
using test::TempFolder;

constexpr int64_t kNow = 1'709'647'629;  // some fixed time for dating files
const std::string kRec1 = "record one\r\n";
const std::string kRec2 = "record two\r\n";
const std::string kRec3 = "record three\r\n";

std::string open_file(DurableFile &f, size_t &replayed) {
  return f.open(kNow, replayed);
}

TEST_CASE("records reach the file in order; the journal holds them until a checkpoint") {
  TempFolder dir;
  const std::string path = dir.file("smdr/smdr.txt");
  DurableFile f(path, "", RotationPolicy{});
  size_t replayed = 9;
  REQUIRE(open_file(f, replayed) == "");
  CHECK(replayed == 0);
  CHECK(f.write({kRec1, kRec2}, true, kNow) == "");
  CHECK(f.write({kRec3}, true, kNow) == "");
  CHECK(read_file(path) == kRec1 + kRec2 + kRec3);
  CHECK(f.records_written() == 3);
  CHECK(f.journal_bytes() > 0);
  CHECK(read_file(path + ".journal").find("record two") != std::string::npos);
  CHECK(f.checkpoint(true) == "");
  CHECK(f.journal_bytes() == 0);
  CHECK(read_file(path + ".journal").empty());
  CHECK(test::mode_of(path) == 0640);
  CHECK(test::mode_of(path + ".journal") == 0640);
  CHECK(test::mode_of(dir.file("smdr")) == 0750);
}

TEST_CASE("killed between the journal write and the append: replayed exactly once at restart") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  {
    DurableFile f(path, "", RotationPolicy{});
    size_t replayed = 0;
    REQUIRE(open_file(f, replayed) == "");
    REQUIRE(f.write({kRec1}, true, kNow) == "");
  }  // no close: the process "died" with the journal not checkpointed
  {
    // The on-disk state of a kill after the journal fsync and before the append of kRec2.
    WriteAheadJournal journal;
    REQUIRE(journal.open(path + ".journal") == "");
    REQUIRE(journal.append({JournalEntry{static_cast<int64_t>(kRec1.size()), kRec2}}) == "");
  }
  CHECK(read_file(path) == kRec1);
  DurableFile restarted(path, "", RotationPolicy{});
  size_t replayed = 0;
  REQUIRE(open_file(restarted, replayed) == "");
  CHECK(replayed == 1);  // kRec1 was already there, kRec2 was missing
  CHECK(read_file(path) == kRec1 + kRec2);
  CHECK(read_file(path + ".journal").empty());
  // A second restart changes nothing.
  DurableFile again(path, "", RotationPolicy{});
  REQUIRE(open_file(again, replayed) == "");
  CHECK(replayed == 0);
  REQUIRE(again.write({kRec3}, true, kNow) == "");
  CHECK(read_file(path) == kRec1 + kRec2 + kRec3);
}

TEST_CASE("killed after the append but before the checkpoint: nothing is written twice") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  {
    DurableFile f(path, "", RotationPolicy{});
    size_t replayed = 0;
    REQUIRE(open_file(f, replayed) == "");
    REQUIRE(f.write({kRec1, kRec2}, true, kNow) == "");
    REQUIRE(f.write({kRec3}, true, kNow) == "");
  }
  CHECK_FALSE(read_file(path + ".journal").empty());
  DurableFile restarted(path, "", RotationPolicy{});
  size_t replayed = 7;
  REQUIRE(open_file(restarted, replayed) == "");
  CHECK(replayed == 0);
  CHECK(read_file(path) == kRec1 + kRec2 + kRec3);
}

TEST_CASE("a torn append is cut at the record's offset and written whole") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  {
    DurableFile f(path, "", RotationPolicy{});
    size_t replayed = 0;
    REQUIRE(open_file(f, replayed) == "");
    REQUIRE(f.write({kRec1, kRec2}, true, kNow) == "");
  }
  // Half of kRec2 reached the disk.
  REQUIRE(::truncate(path.c_str(), static_cast<off_t>(kRec1.size() + 4)) == 0);
  DurableFile restarted(path, "", RotationPolicy{});
  size_t replayed = 0;
  REQUIRE(open_file(restarted, replayed) == "");
  CHECK(replayed == 1);
  CHECK(read_file(path) == kRec1 + kRec2);
}

TEST_CASE("a torn journal frame (crash while journaling) is ignored, earlier frames are kept") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  test::write_file(path, kRec1);
  {
    WriteAheadJournal journal;
    REQUIRE(journal.open(path + ".journal") == "");
    REQUIRE(journal.append({JournalEntry{static_cast<int64_t>(kRec1.size()), kRec2}}) == "");
  }
  std::string text = read_file(path + ".journal");
  text += "R 24 14 0123";  // the head of a frame, cut
  test::write_file(path + ".journal", text);
  std::vector<JournalEntry> entries;
  std::string err;
  REQUIRE(WriteAheadJournal::read(path + ".journal", entries, err));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].payload == kRec2);
  DurableFile f(path, "", RotationPolicy{});
  size_t replayed = 0;
  REQUIRE(open_file(f, replayed) == "");
  CHECK(replayed == 1);
  CHECK(read_file(path) == kRec1 + kRec2);
}

TEST_CASE("a corrupt frame (checksum mismatch) ends the journal") {
  TempFolder dir;
  const std::string path = dir.file("j");
  {
    WriteAheadJournal journal;
    REQUIRE(journal.open(path) == "");
    REQUIRE(journal.append({JournalEntry{0, kRec1}, JournalEntry{12, kRec2}}) == "");
  }
  std::string text = read_file(path);
  text[text.find("record two") + 2] = 'X';
  test::write_file(path, text);
  std::vector<JournalEntry> entries;
  std::string err;
  REQUIRE(WriteAheadJournal::read(path, entries, err));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].payload == kRec1);
}

TEST_CASE("the visible file lost entirely: the journal rebuilds it, header first") {
  TempFolder dir;
  const std::string path = dir.file("cdr.csv");
  const std::string header = "a,b\r\n";
  {
    DurableFile f(path, header, RotationPolicy{});
    size_t replayed = 0;
    REQUIRE(open_file(f, replayed) == "");
    REQUIRE(f.write({"1,2\r\n", "3,4\r\n"}, true, kNow) == "");
  }
  REQUIRE(::unlink(path.c_str()) == 0);
  DurableFile f(path, header, RotationPolicy{});
  size_t replayed = 0;
  REQUIRE(open_file(f, replayed) == "");
  CHECK(replayed == 2);
  CHECK(read_file(path) == "a,b\r\n1,2\r\n3,4\r\n");
}

TEST_CASE("size rotation: the full file is renamed by day, a new one starts with the header") {
  TempFolder dir;
  const std::string path = dir.file("cdr.csv");
  RotationPolicy policy;
  policy.max_bytes = 20;
  DurableFile f(path, "h\r\n", policy);
  size_t replayed = 0;
  REQUIRE(open_file(f, replayed) == "");
  REQUIRE(f.write({"12345678\r\n"}, true, kNow) == "");  // 13 bytes with the header
  REQUIRE(f.write({"abcdefgh\r\n"}, true, kNow) == "");  // would be 23: rotate first
  REQUIRE(f.write({"ABCDEFGH\r\n"}, true, kNow) == "");  // 23 again: rotate again
  const std::string day = std::to_string(local_day(kNow));
  CHECK(read_file(dir.file("cdr-" + day + ".csv")) == "h\r\n12345678\r\n");
  CHECK(read_file(dir.file("cdr-" + day + "-1.csv")) == "h\r\nabcdefgh\r\n");
  CHECK(read_file(path) == "h\r\nABCDEFGH\r\n");
  CHECK(test::mode_of(path) == 0640);
  CHECK(read_file(path + ".journal").size() < 80);  // checkpointed at each rotation
}

TEST_CASE("daily rotation: the first write of a new day rotates; an empty file is only re-dated") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  RotationPolicy policy;
  policy.daily = true;
  DurableFile f(path, "", policy);
  size_t replayed = 0;
  REQUIRE(open_file(f, replayed) == "");
  const int64_t tomorrow = kNow + 86400;
  CHECK(f.rotate_if_due(tomorrow, true) == "");  // nothing written yet: no file to rotate
  CHECK(rotated_files(path).empty());
  REQUIRE(f.write({kRec1}, true, tomorrow) == "");
  CHECK(f.rotate_if_due(tomorrow + 3600, true) == "");  // same day
  CHECK(rotated_files(path).empty());
  REQUIRE(f.write({kRec2}, true, tomorrow + 86400) == "");
  const std::string first_day = std::to_string(local_day(tomorrow));
  CHECK(read_file(dir.file("smdr-" + first_day + ".txt")) == kRec1);
  CHECK(read_file(path) == kRec2);
  CHECK(f.rotate_if_due(tomorrow + 2 * 86400, true) == "");  // the tick rotates without a write
  CHECK(read_file(path).empty());
  CHECK(rotated_files(path).size() == 2);
}

TEST_CASE("keep: the oldest rotated files are deleted") {
  TempFolder dir;
  const std::string path = dir.file("smdr.txt");
  RotationPolicy policy;
  policy.max_bytes = 12;
  policy.keep_files = 2;
  DurableFile f(path, "", policy);
  size_t replayed = 0;
  REQUIRE(open_file(f, replayed) == "");
  for (int i = 0; i < 5; ++i) REQUIRE(f.write({kRec1}, true, kNow) == "");
  const auto files = rotated_files(path);
  const std::string day = std::to_string(local_day(kNow));
  REQUIRE(files.size() == 2);
  CHECK(files[0] == dir.file("smdr-" + day + "-2.txt"));
  CHECK(files[1] == dir.file("smdr-" + day + "-3.txt"));
  CHECK(read_file(path) == kRec1);
}

TEST_CASE("open fails clearly when the folder cannot be made") {
  TempFolder dir;
  test::write_file(dir.file("plain"), "x");
  DurableFile f(dir.file("plain/smdr.txt"), "", RotationPolicy{});
  size_t replayed = 0;
  const std::string err = open_file(f, replayed);
  CHECK(err.find("plain") != std::string::npos);
  CHECK(err.find("not a directory") != std::string::npos);
}

}  // namespace
}  // namespace lineside::billing
