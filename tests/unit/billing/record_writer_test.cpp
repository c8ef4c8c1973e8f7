// The writer thread: order, fsync policies, the bounded queue, and a failing disk that delays
// records without losing or repeating them.
#include "record_writer.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <thread>

#include "billing_test_support.hpp"
#include "lineside/testing/fake_host.hpp"

namespace lineside::billing {
namespace {

using test::read_file;
using test::TempFolder;

OutputRecord smdr_record(int i) {
  OutputRecord r;
  r.text[static_cast<size_t>(Output::smdr)] = "smdr record " + std::to_string(i) + "\r\n";
  return r;
}

std::string expected_smdr(int from, int to) {
  std::string out;
  for (int i = from; i <= to; ++i) out += "smdr record " + std::to_string(i) + "\r\n";
  return out;
}

template <class Pred>
bool wait_until(Pred pred, int timeout_ms = 10000) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST_CASE("records go to their outputs in order; stop drains the queue") {
  testing::FakeHost host;
  TempFolder dir;
  RecordWriter writer(host.host_view(), WriterSettings{});
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("smdr.txt"), "", RotationPolicy{}));
  writer.set_output(Output::cdr_json,
                    std::make_unique<DurableFile>(dir.file("cdr.jsonl"), "", RotationPolicy{}));
  REQUIRE(writer.start() == "");
  for (int i = 1; i <= 200; ++i) {
    OutputRecord r = smdr_record(i);
    if (i % 2 == 0)
      r.text[static_cast<size_t>(Output::cdr_json)] = "{\"n\":" + std::to_string(i) + "}\n";
    r.text[static_cast<size_t>(Output::cdr_csv)] = "ignored: no csv output\r\n";
    REQUIRE(writer.submit(std::move(r)));
  }
  writer.stop();
  CHECK(read_file(dir.file("smdr.txt")) == expected_smdr(1, 200));
  const std::string json = read_file(dir.file("cdr.jsonl"));
  CHECK(json.rfind("{\"n\":2}\n{\"n\":4}\n", 0) == 0);
  CHECK(json.size() == std::string("{\"n\":2}\n").size() * 4 +
                           std::string("{\"n\":10}\n").size() * 45 +
                           std::string("{\"n\":100}\n").size() * 51);
  const WriterStats stats = writer.stats();
  CHECK(stats.written[0] == 200);
  CHECK(stats.written[1] == 100);
  CHECK(stats.written[2] == 0);
  CHECK(stats.queued == 0);
  CHECK(stats.dropped == 0);
  CHECK(read_file(dir.file("smdr.txt.journal")).empty());  // checkpointed at close
  CHECK_FALSE(writer.submit(smdr_record(201)));            // stopped: refused, counted
  CHECK(writer.stats().dropped == 1);
}

TEST_CASE("fsync interval: records are gathered and committed together, stop commits at once") {
  testing::FakeHost host;
  TempFolder dir;
  WriterSettings settings;
  settings.fsync = FsyncPolicy::interval;
  settings.fsync_interval_ms = 5000;
  RecordWriter writer(host.host_view(), settings);
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("smdr.txt"), "", RotationPolicy{}));
  REQUIRE(writer.start() == "");
  for (int i = 1; i <= 3; ++i) REQUIRE(writer.submit(smdr_record(i)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(read_file(dir.file("smdr.txt")).empty());  // not yet journaled and committed
  CHECK(writer.stats().queued == 3);
  writer.stop();
  CHECK(read_file(dir.file("smdr.txt")) == expected_smdr(1, 3));
}

TEST_CASE("the queue is bounded: past max_queue records are dropped and counted, never blocking") {
  testing::FakeHost host;
  TempFolder dir;
  WriterSettings settings;
  settings.fsync = FsyncPolicy::interval;
  settings.fsync_interval_ms = 60000;
  settings.max_queue = 100;
  RecordWriter writer(host.host_view(), settings);
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("smdr.txt"), "", RotationPolicy{}));
  REQUIRE(writer.start() == "");
  int accepted = 0;
  for (int i = 1; i <= 110; ++i) accepted += writer.submit(smdr_record(i)) ? 1 : 0;
  CHECK(accepted == 100);
  CHECK(writer.stats().dropped == 10);
  writer.stop();
  CHECK(read_file(dir.file("smdr.txt")) == expected_smdr(1, 100));
}

TEST_CASE("fsync never: records still reach the file through the journal") {
  testing::FakeHost host;
  TempFolder dir;
  WriterSettings settings;
  settings.fsync = FsyncPolicy::never;
  RecordWriter writer(host.host_view(), settings);
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("smdr.txt"), "", RotationPolicy{}));
  REQUIRE(writer.start() == "");
  for (int i = 1; i <= 5; ++i) REQUIRE(writer.submit(smdr_record(i)));
  CHECK(wait_until([&] { return writer.stats().written[0] == 5; }));
  CHECK(read_file(dir.file("smdr.txt")) == expected_smdr(1, 5));
  writer.stop();
}

TEST_CASE("a disk that refuses writes delays records; they all arrive once, in order, later") {
  testing::FakeHost host;
  TempFolder dir;
  RecordWriter writer(host.host_view(), WriterSettings{});
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("smdr.txt"), "", RotationPolicy{}));
  REQUIRE(writer.start() == "");
  REQUIRE(writer.submit(smdr_record(1)));
  REQUIRE(wait_until([&] { return writer.stats().written[0] == 1; }));

  // Files may not grow past 64 bytes (EFBIG, like a full disk), SIGXFSZ ignored.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  REQUIRE(::sigaction(SIGXFSZ, &ignore, &previous) == 0);
  struct rlimit saved {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  struct rlimit small = saved;
  small.rlim_cur = 64;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  for (int i = 2; i <= 6; ++i) REQUIRE(writer.submit(smdr_record(i)));
  const bool failed = wait_until([&] { return writer.stats().write_errors > 0; });
  const std::string during = read_file(dir.file("smdr.txt"));
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &saved) == 0);
  REQUIRE(::sigaction(SIGXFSZ, &previous, nullptr) == 0);

  CHECK(failed);
  CHECK(during == expected_smdr(1, 1));
  CHECK(writer.stats().last_error.find("File too large") != std::string::npos);
  CHECK(host.logged("records are kept and retried", LS_LOG_ERROR));
  CHECK(wait_until([&] { return writer.stats().written[0] == 6; }));
  writer.stop();
  CHECK(read_file(dir.file("smdr.txt")) == expected_smdr(1, 6));
}

TEST_CASE("start reports an output that cannot be opened, and starts nothing") {
  testing::FakeHost host;
  TempFolder dir;
  test::write_file(dir.file("file"), "x");
  RecordWriter writer(host.host_view(), WriterSettings{});
  writer.set_output(Output::smdr,
                    std::make_unique<DurableFile>(dir.file("file/smdr.txt"), "", RotationPolicy{}));
  CHECK(writer.start().find("not a directory") != std::string::npos);
  CHECK_FALSE(writer.submit(smdr_record(1)));
  writer.stop();
}

}  // namespace
}  // namespace lineside::billing
