// bench/media/relay_floor.cpp: what relaying a datagram costs this machine's kernel before any
// SRTP or call state: N socket pairs fed 50 packets a second each, evenly spread, by a
// busy-polling sender (like media_load), relayed by a bare loop (epoll or io_uring) on its own
// core; prints the loop's CPU time per relayed packet as one JSON line.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "floor_loops.hpp"
#include "floor_window.hpp"

namespace lb = lineside::bench;

namespace {

struct Options {
  std::string mode = "epoll";  // epoll | epoll-connected | uring | uring-defer
  int pairs = 1000;
  double warmup_s = 1;
  double seconds = 5;
  int relay_cpu = 0;
  int tool_cpu = 1;
  long gather_us = 0;
};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: relay_floor [--mode epoll|epoll-connected|uring|uring-defer] [--pairs N] "
               "[--warmup S] [--seconds S] [--relay-cpu C] [--tool-cpu C] [--gather-us US]\n");
  std::exit(2);
}

Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage();
    const char *value = argv[++i];
    if (flag == "--mode")
      o.mode = value;
    else if (flag == "--pairs")
      o.pairs = std::atoi(value);
    else if (flag == "--warmup")
      o.warmup_s = std::atof(value);
    else if (flag == "--seconds")
      o.seconds = std::atof(value);
    else if (flag == "--relay-cpu")
      o.relay_cpu = std::atoi(value);
    else if (flag == "--tool-cpu")
      o.tool_cpu = std::atoi(value);
    else if (flag == "--gather-us")
      o.gather_us = std::atol(value);
    else
      usage();
  }
  if (o.pairs < 1 || o.pairs > 5000 || o.seconds <= 0 || o.warmup_s < 0) usage();
  if (o.gather_us < 0 || o.gather_us > 100'000) usage();
  if (o.mode != "epoll" && o.mode != "epoll-connected" && o.mode != "uring" &&
      o.mode != "uring-defer")
    usage();
  return o;
}

void pin_to(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) throw std::runtime_error("cannot pin to a CPU");
}

int loopback_socket(sockaddr_in &bound) {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  bound = {};
  bound.sin_family = AF_INET;
  bound.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr *>(&bound), sizeof bound) != 0)
    throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
  socklen_t len = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &len);
  return fd;
}

/// The sender and sink: one socket, busy-polling so no relayed packet has to wake it.
class Sink {
 public:
  explicit Sink(int fd) : fd_(fd) {
    for (unsigned i = 0; i < kBatch; ++i) {
      iov_[i] = {data_[i].data(), data_[i].size()};
      msgs_[i].msg_hdr.msg_iov = &iov_[i];
      msgs_[i].msg_hdr.msg_iovlen = 1;
    }
  }
  void poll() {
    const int got = recvmmsg(fd_, msgs_.data(), kBatch, MSG_DONTWAIT, nullptr);
    if (got > 0) received += static_cast<uint64_t>(got);
  }
  uint64_t received = 0;

 private:
  static constexpr unsigned kBatch = 64;
  int fd_;
  std::array<std::array<uint8_t, 2048>, kBatch> data_{};
  std::array<iovec, kBatch> iov_{};
  std::array<mmsghdr, kBatch> msgs_{};
};

}  // namespace

int main(int argc, char **argv) try {
  const Options o = parse(argc, argv);
  lb::FloorRelay relay;
  relay.gather_us = o.gather_us;
  std::vector<sockaddr_in> addresses(static_cast<size_t>(o.pairs) * 2);
  for (auto &a : addresses) relay.sockets.push_back(loopback_socket(a));
  const int sink_fd = loopback_socket(relay.sink);
  const int big = 8 << 20;
  setsockopt(sink_fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);

  constexpr int64_t kPeriodNs = 20'000'000;  // each socket gets a packet every 20 ms
  const int64_t start = lb::clock_ns(CLOCK_MONOTONIC) + 200'000'000;
  relay.window_from_ns = start + static_cast<int64_t>(o.warmup_s * 1e9);
  relay.window_to_ns = relay.window_from_ns + static_cast<int64_t>(o.seconds * 1e9);
  std::thread loop([&] {
    pin_to(o.relay_cpu);
    if (o.mode == "epoll" || o.mode == "epoll-connected")
      lb::run_epoll_relay(relay, o.mode == "epoll-connected");
    else
      lb::run_uring_relay(relay, o.mode == "uring-defer");
  });
  pin_to(o.tool_cpu);
  Sink sink(sink_fd);
  std::array<uint8_t, 172> packet{};  // a G.711 20 ms RTP packet's size
  packet.fill(0xD5);
  uint64_t sent = 0;
  const size_t n = addresses.size();
  for (int64_t base = start; base < relay.window_to_ns + 200'000'000 && relay.error.empty();
       base += kPeriodNs) {
    for (size_t i = 0; i < n; ++i) {
      const int64_t due = base + static_cast<int64_t>(i) * kPeriodNs / static_cast<int64_t>(n);
      while (lb::clock_ns(CLOCK_MONOTONIC) < due) sink.poll();
      sendto(sink_fd, packet.data(), packet.size(), 0,
             reinterpret_cast<const sockaddr *>(&addresses[i]), sizeof addresses[i]);
      ++sent;
    }
  }
  const int64_t drain_until = lb::clock_ns(CLOCK_MONOTONIC) + 300'000'000;
  while (lb::clock_ns(CLOCK_MONOTONIC) < drain_until) sink.poll();
  relay.stop = true;
  loop.join();
  if (!relay.error.empty()) {
    std::fprintf(stderr, "relay_floor: %s\n", relay.error.c_str());
    return 1;
  }
  const double cpu_us = static_cast<double>(relay.window_user_ns + relay.window_system_ns) / 1000.0;
  const double packets = relay.window_packets ? static_cast<double>(relay.window_packets) : 1.0;
  std::printf(
      "{\"mode\":\"%s\",\"gather_us\":%ld,\"pairs\":%d,\"window_s\":%.1f,\"sent\":%llu,\"lost\":%"
      "lld,"
      "\"window_packets\":%llu,\"relay_cpu_us_per_packet\":%.3f,\"relay_system_us_per_packet\":%."
      "3f,"
      "\"relay_cpu_share\":%.3f}\n",
      o.mode.c_str(), o.gather_us, o.pairs, o.seconds, static_cast<unsigned long long>(sent),
      static_cast<long long>(sent) - static_cast<long long>(sink.received),
      static_cast<unsigned long long>(relay.window_packets), cpu_us / packets,
      static_cast<double>(relay.window_system_ns) / 1000.0 / packets, cpu_us / (o.seconds * 1e6));
  return 0;
} catch (const std::exception &e) {
  std::fprintf(stderr, "relay_floor: %s\n", e.what());
  return 1;
}
