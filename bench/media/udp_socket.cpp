// bench/media/udp_socket.cpp: binding, sending and receiving with a timeout.
#include "udp_socket.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace lineside::bench {

sockaddr_in loopback(uint16_t port, const std::string &host) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, host.c_str(), &a.sin_addr);
  return a;
}

UdpSocket::UdpSocket(uint16_t port, int rcvbuf) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket() failed");
  if (rcvbuf) {
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf);
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  }
  sockaddr_in a = loopback(port);
  if (::bind(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot bind 127.0.0.1:" + std::to_string(port));
  }
  socklen_t len = sizeof a;
  getsockname(fd_, reinterpret_cast<sockaddr *>(&a), &len);
  port_ = ntohs(a.sin_port);
}

UdpSocket::~UdpSocket() {
  ::close(fd_);
}

void UdpSocket::send_to(const std::string &data, const sockaddr_in &to) const {
  ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<const sockaddr *>(&to), sizeof to);
}

std::string UdpSocket::receive(int timeout_ms, sockaddr_in *from) const {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return {};
  std::string buf(65536, '\0');
  sockaddr_in src{};
  socklen_t len = sizeof src;
  const ssize_t n =
      ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr *>(&src), &len);
  if (n <= 0) return {};
  buf.resize(static_cast<size_t>(n));
  if (from) *from = src;
  return buf;
}

}  // namespace lineside::bench
