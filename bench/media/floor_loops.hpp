// bench/media/floor_loops.hpp: the two bare relay loops the floor benchmark compares: epoll with
// recvmmsg and one sendto per packet (srtp-media's shape, without SRTP or call state), and io_uring
// with multishot recvmsg into provided buffers and every round's sends in one submission.
#pragma once

#include <netinet/in.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace lineside::bench {

/// What a loop shares with the benchmark's main thread. The sockets come in pairs: a datagram read
/// on sockets[i] leaves from sockets[i ^ 1] towards `sink`.
struct FloorRelay {
  std::vector<int> sockets;
  sockaddr_in sink{};
  int64_t window_from_ns = 0;  ///< CLOCK_MONOTONIC: the loop samples its own CPU time here...
  int64_t window_to_ns = 0;    ///< ...and here
  long gather_us = 0;          ///< epoll loop: pause this long after a round that relayed packets
  std::atomic<bool> stop{false};
  // Written by the loop before it returns:
  int64_t window_user_ns = 0;    ///< the loop thread's user CPU time inside the window
  int64_t window_system_ns = 0;  ///< ...and its system (kernel) CPU time
  uint64_t window_packets = 0;   ///< datagrams relayed inside the window
  std::string error;             ///< set when the loop could not start (io_uring refused, ...)
};

/// srtp-media's loop shape: edge-triggered epoll, recvmmsg (8) until a short read, sendto each.
/// `connected` connects every socket to the sink first and sends with send(): the kernel then keeps
/// the route and skips the per-datagram lookup (and drops datagrams from any other source).
void run_epoll_relay(FloorRelay &relay, bool connected);

/// True when this build has the io_uring loop (liburing found at configure time).
bool have_uring_relay();
/// Multishot recvmsg on every socket into one provided-buffer ring; each round's sends are queued
/// as sendmsg SQEs and go with the next submit-and-wait. `defer_taskrun` sets
/// IORING_SETUP_DEFER_TASKRUN (completions run only when the loop waits), else COOP_TASKRUN.
void run_uring_relay(FloorRelay &relay, bool defer_taskrun);

}  // namespace lineside::bench
