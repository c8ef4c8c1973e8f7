// bench/media/udp_socket.hpp: a UDP socket on 127.0.0.1 for the load tool (control and media).
#pragma once

#include <netinet/in.h>

#include <cstdint>
#include <string>

namespace lineside::bench {

class UdpSocket {
 public:
  /// Bound to 127.0.0.1:`port` (0: any); `rcvbuf` bytes of receive buffer when non-zero. Throws.
  explicit UdpSocket(uint16_t port = 0, int rcvbuf = 0);
  ~UdpSocket();
  UdpSocket(const UdpSocket &) = delete;
  UdpSocket &operator=(const UdpSocket &) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] uint16_t port() const { return port_; }
  void send_to(const std::string &data, const sockaddr_in &to) const;
  /// The next datagram within `timeout_ms`, or "" (and from unset).
  std::string receive(int timeout_ms, sockaddr_in *from = nullptr) const;

 private:
  int fd_;
  uint16_t port_ = 0;
};

/// 127.0.0.1:`port` (or `host`:`port`, numeric).
sockaddr_in loopback(uint16_t port, const std::string &host = "127.0.0.1");

}  // namespace lineside::bench
