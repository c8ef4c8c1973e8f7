// srtp-media/port_pool.cpp: binding RTP/RTCP pairs in the configured range and taking them back.
#include "port_pool.hpp"

#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lineside::media {

RelayPorts::RelayPorts(std::shared_ptr<PortPool> pool, uint16_t port, int rtp_fd, int rtcp_fd)
    : pool_(std::move(pool)), port_(port), rtp_fd_(rtp_fd), rtcp_fd_(rtcp_fd) {}

RelayPorts::~RelayPorts() {
  ::close(rtp_fd_);
  ::close(rtcp_fd_);
  pool_->release(port_);
}

std::shared_ptr<PortPool> PortPool::create(const SocketAddress &bind, uint16_t min, uint16_t max,
                                           int tos) {
  const uint16_t first = static_cast<uint16_t>(min + (min % 2));
  const size_t pairs = max > first ? (static_cast<size_t>(max) - first + 1) / 2 : 0;
  return std::shared_ptr<PortPool>(new PortPool(bind, first, pairs, tos));
}

PortPool::PortPool(const SocketAddress &bind, uint16_t first, size_t pairs, int tos)
    : bind_(bind), first_(first), tos_(tos), used_(pairs, 0) {}

int PortPool::bind_socket(uint16_t port) const {
  const int family = bind_.family();
  const int fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (tos_) {
    if (family == AF_INET) {
      setsockopt(fd, IPPROTO_IP, IP_TOS, &tos_, sizeof tos_);
    } else {
      setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos_, sizeof tos_);
    }
  }
  sockaddr_storage addr{};
  std::memcpy(&addr, bind_.raw(), bind_.length());
  if (family == AF_INET) {
    reinterpret_cast<sockaddr_in *>(&addr)->sin_port = htons(port);
  } else {
    reinterpret_cast<sockaddr_in6 *>(&addr)->sin6_port = htons(port);
  }
  if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), bind_.length()) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::unique_ptr<RelayPorts> PortPool::allocate(std::string &error) {
  std::lock_guard lock(mutex_);
  const size_t n = used_.size();
  for (size_t step = 0; step < n; ++step) {
    const size_t i = (cursor_ + step) % n;
    if (used_[i]) continue;
    const auto port = static_cast<uint16_t>(first_ + 2 * i);
    const int rtp = bind_socket(port);
    if (rtp < 0) continue;  // another program holds it: try the next pair
    const int rtcp = bind_socket(static_cast<uint16_t>(port + 1));
    if (rtcp < 0) {
      ::close(rtp);
      continue;
    }
    used_[i] = 1;
    ++in_use_;
    cursor_ = (i + 1) % n;
    return std::make_unique<RelayPorts>(shared_from_this(), port, rtp, rtcp);
  }
  error = n ? "every relay port pair is in use (" + std::to_string(in_use_) + " of " +
                  std::to_string(n) + " taken by calls)"
            : "the relay port range is empty";
  return nullptr;
}

void PortPool::release(uint16_t port) {
  std::lock_guard lock(mutex_);
  const size_t i = (port - first_) / 2;
  if (i < used_.size() && used_[i]) {
    used_[i] = 0;
    --in_use_;
  }
}

size_t PortPool::in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

}  // namespace lineside::media
