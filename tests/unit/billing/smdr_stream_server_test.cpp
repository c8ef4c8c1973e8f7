// The SMDR TCP stream over loopback: several collectors, backlog on connect, a slow collector
// dropped without blocking the publisher, the collector limit, a port already taken.
#include "smdr_stream_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "billing_test_support.hpp"
#include "lineside/testing/fake_host.hpp"
#include "stream_client.hpp"

namespace lineside::billing {
namespace {

using test::Client;

StreamSettings loopback(size_t queue = 1000, size_t backlog = 0, size_t max_collectors = 8) {
  StreamSettings s;
  s.listen = ListenAddress{"127.0.0.1", 0};
  s.queue_records = queue;
  s.backlog_records = backlog;
  s.max_collectors = max_collectors;
  return s;
}

std::string record(int i) {
  std::string r = "record " + std::to_string(i);
  r.resize(90, ' ');
  return r + "\r\n";
}

template <class Pred>
bool wait_until(Pred pred, int timeout_ms = 5000) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

TEST_CASE("every connected collector receives every record from then on") {
  testing::FakeHost host;
  SmdrStreamServer server(host.host_view(), loopback());
  REQUIRE(server.start() == "");
  REQUIRE(server.bound_port() != 0);
  Client a(server.bound_port()), b(server.bound_port());
  REQUIRE(a.connected());
  REQUIRE(b.connected());
  REQUIRE(wait_until([&] { return server.collectors().size() == 2; }));
  a.send_text("hello, collectors may talk; it is ignored\r\n");
  for (int i = 1; i <= 3; ++i) server.publish(record(i));
  const std::string expected = record(1) + record(2) + record(3);
  CHECK(a.read(expected.size()) == expected);
  CHECK(b.read(expected.size()) == expected);
  CHECK(server.records_published() == 3);
  CHECK(host.logged("SMDR collector 127.0.0.1:", LS_LOG_NOTICE));
  // A collector connecting later gets only what comes after it (no backlog configured).
  Client c(server.bound_port());
  REQUIRE(wait_until([&] { return server.collectors().size() == 3; }));
  server.publish(record(4));
  CHECK(c.read(record(4).size()) == record(4));
  CHECK(a.read(record(4).size()) == record(4));
  server.stop();
  CHECK(a.closed_by_server());
}

TEST_CASE("backlog: a new collector first gets the most recent records") {
  testing::FakeHost host;
  SmdrStreamServer server(host.host_view(), loopback(1000, 2));
  REQUIRE(server.start() == "");
  for (int i = 1; i <= 3; ++i) server.publish(record(i));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Client a(server.bound_port());
  const std::string expected = record(2) + record(3);
  CHECK(a.read(expected.size()) == expected);
  server.publish(record(4));
  CHECK(a.read(record(4).size()) == record(4));
}

TEST_CASE("a collector that stops reading is dropped; publishing never waits and others go on") {
  testing::FakeHost host;
  SmdrStreamServer server(host.host_view(), loopback(50));
  REQUIRE(server.start() == "");
  Client slow(server.bound_port(), 1024);
  Client good(server.bound_port());
  REQUIRE(wait_until([&] { return server.collectors().size() == 2; }));
  // More than any socket buffers can absorb (tcp_wmem tops out at 4 MB): 50,000 x 92 bytes,
  // published at a steady pace while the good collector reads on its own thread.
  constexpr int kRecords = 50000;
  std::string expected;
  for (int i = 1; i <= kRecords; ++i) expected += record(i);
  std::string got;
  std::thread reader([&] { got = good.read(expected.size(), 60000); });
  int64_t longest_publish_us = 0;
  for (int i = 1; i <= kRecords; ++i) {
    const auto before = std::chrono::steady_clock::now();
    server.publish(record(i));
    longest_publish_us =
        std::max<int64_t>(longest_publish_us, std::chrono::duration_cast<std::chrono::microseconds>(
                                                  std::chrono::steady_clock::now() - before)
                                                  .count());
    if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  reader.join();
  CHECK(longest_publish_us < 200000);  // a queue push, never a wait for the slow reader
  CHECK(got.size() == expected.size());
  CHECK(got == expected);
  CHECK(wait_until([&] { return server.collectors_dropped() == 1; }));
  CHECK(host.logged("records waiting, it reads too slowly", LS_LOG_WARNING));
  CHECK(slow.closed_by_server());
  CHECK(server.collectors().size() == 1);
  CHECK(host.counter("collectors_dropped") == 1);
}

TEST_CASE("collectors beyond max_collectors are refused with a log line") {
  testing::FakeHost host;
  SmdrStreamServer server(host.host_view(), loopback(1000, 0, 1));
  REQUIRE(server.start() == "");
  Client a(server.bound_port());
  REQUIRE(wait_until([&] { return server.collectors().size() == 1; }));
  Client b(server.bound_port());
  CHECK(b.closed_by_server());
  CHECK(host.logged("collectors already connected", LS_LOG_WARNING));
  server.publish(record(1));
  CHECK(a.read(record(1).size()) == record(1));
}

TEST_CASE("a collector that disconnects is forgotten") {
  testing::FakeHost host;
  SmdrStreamServer server(host.host_view(), loopback());
  REQUIRE(server.start() == "");
  {
    Client a(server.bound_port());
    REQUIRE(wait_until([&] { return server.collectors().size() == 1; }));
  }
  CHECK(wait_until([&] { return server.collectors().empty(); }));
  CHECK(host.logged("disconnected", LS_LOG_NOTICE));
  server.publish(record(1));  // nobody listening: fine
}

TEST_CASE("a port already in use is a clear start error") {
  testing::FakeHost host;
  SmdrStreamServer first(host.host_view(), loopback());
  REQUIRE(first.start() == "");
  StreamSettings same = loopback();
  same.listen.port = first.bound_port();
  SmdrStreamServer second(host.host_view(), same);
  const std::string err = second.start();
  CHECK(err.find("cannot listen on 127.0.0.1:" + std::to_string(first.bound_port())) == 0);
  CHECK(err.find("in use") != std::string::npos);
}

}  // namespace
}  // namespace lineside::billing
