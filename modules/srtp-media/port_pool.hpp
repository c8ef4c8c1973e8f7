// srtp-media/port_pool.hpp: the relay's UDP port range: RTP/RTCP socket pairs (even port, port+1)
// bound on the relay address, handed out and taken back by any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "socket_address.hpp"

namespace lineside::media {

class PortPool;

/// One bound pair: RTP on an even port, RTCP on the next. Closing the sockets and giving the
/// port back happen in the destructor, whichever thread holds it last.
class RelayPorts {
 public:
  RelayPorts(std::shared_ptr<PortPool> pool, uint16_t port, int rtp_fd, int rtcp_fd);
  ~RelayPorts();
  RelayPorts(const RelayPorts &) = delete;
  RelayPorts &operator=(const RelayPorts &) = delete;

  [[nodiscard]] uint16_t port() const { return port_; }
  [[nodiscard]] int rtp_fd() const { return rtp_fd_; }
  [[nodiscard]] int rtcp_fd() const { return rtcp_fd_; }

 private:
  std::shared_ptr<PortPool> pool_;
  uint16_t port_;
  int rtp_fd_;
  int rtcp_fd_;
};

class PortPool : public std::enable_shared_from_this<PortPool> {
 public:
  /// Pairs from `min` (rounded up to even) to `max`. `tos` is the IP TOS / traffic class byte set
  /// on every socket (0xB8 = DSCP EF), 0 for none.
  static std::shared_ptr<PortPool> create(const SocketAddress &bind, uint16_t min, uint16_t max,
                                          int tos);

  /// A fresh pair, starting after the last one handed out (so a port just released is not
  /// reused at once); pairs some other program holds are skipped. nullptr with `error` set when
  /// every pair is taken.
  std::unique_ptr<RelayPorts> allocate(std::string &error);

  [[nodiscard]] size_t in_use() const;
  [[nodiscard]] size_t capacity() const { return used_.size(); }

 private:
  friend class RelayPorts;
  PortPool(const SocketAddress &bind, uint16_t first, size_t pairs, int tos);
  void release(uint16_t port);
  int bind_socket(uint16_t port) const;

  SocketAddress bind_;
  uint16_t first_;
  int tos_;
  mutable std::mutex mutex_;
  std::vector<uint8_t> used_;
  size_t cursor_ = 0;
  size_t in_use_ = 0;
};

}  // namespace lineside::media
