// bench/media/floor_epoll.cpp: the bare epoll relay loop (srtp-media's read and send pattern).
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "floor_loops.hpp"
#include "floor_window.hpp"

namespace lineside::bench {

void run_epoll_relay(FloorRelay &relay, bool connected) {
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) {
    relay.error = std::string("epoll_create1: ") + std::strerror(errno);
    return;
  }
  for (size_t i = 0; i < relay.sockets.size(); ++i) {
    if (connected && connect(relay.sockets[i], reinterpret_cast<const sockaddr *>(&relay.sink),
                             sizeof relay.sink) != 0) {
      relay.error = std::string("connect: ") + std::strerror(errno);
      close(epoll_fd);
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = i;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, relay.sockets[i], &ev);
  }
  constexpr unsigned kBatch = 8;
  static std::array<std::array<uint8_t, 2048>, kBatch> buffers;
  std::array<sockaddr_storage, kBatch> sources{};
  std::array<iovec, kBatch> iov{};
  std::array<mmsghdr, kBatch> msgs{};
  for (unsigned i = 0; i < kBatch; ++i) {
    iov[i] = {buffers[i].data(), buffers[i].size()};
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = &sources[i];
    msgs[i].msg_hdr.msg_namelen = sizeof sources[i];
  }
  FloorWindow window(relay);
  std::array<epoll_event, 256> events{};
  while (!relay.stop.load(std::memory_order_relaxed)) {
    const int n = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 100);
    uint64_t relayed = 0;
    for (int e = 0; e < n; ++e) {
      const size_t i = events[e].data.u64;
      for (;;) {
        const int got = recvmmsg(relay.sockets[i], msgs.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (got <= 0) break;
        for (int k = 0; k < got; ++k) {
          if (connected)
            send(relay.sockets[i ^ 1], buffers[k].data(), msgs[k].msg_len, 0);
          else
            sendto(relay.sockets[i ^ 1], buffers[k].data(), msgs[k].msg_len, 0,
                   reinterpret_cast<const sockaddr *>(&relay.sink), sizeof relay.sink);
          msgs[k].msg_hdr.msg_namelen = sizeof sources[k];
        }
        relayed += static_cast<uint64_t>(got);
        if (static_cast<unsigned>(got) < kBatch) break;
      }
    }
    window.after_round(relayed);
    if (relay.gather_us > 0 && relayed > 0) {
      const timespec pause{0, relay.gather_us * 1000};
      nanosleep(&pause, nullptr);
    }
  }
  close(epoll_fd);
}

}  // namespace lineside::bench
