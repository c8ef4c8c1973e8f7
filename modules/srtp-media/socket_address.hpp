// srtp-media/socket_address.hpp: an IPv4/IPv6 UDP address as the sockets API wants it.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>

namespace lineside::media {

class SocketAddress {
 public:
  SocketAddress() = default;
  /// Numeric address ("127.0.0.1", "::1") and port; nullopt when it does not parse.
  static std::optional<SocketAddress> from_numeric(const std::string &address, uint16_t port);
  /// Copy of what recvfrom filled in.
  static SocketAddress from_raw(const sockaddr_storage &raw, socklen_t len);

  [[nodiscard]] bool empty() const { return len_ == 0; }
  [[nodiscard]] int family() const { return len_ ? storage_.ss_family : 0; }
  [[nodiscard]] const sockaddr *raw() const {
    return reinterpret_cast<const sockaddr *>(&storage_);
  }
  [[nodiscard]] socklen_t length() const { return len_; }
  [[nodiscard]] uint16_t port() const;
  /// Same family, address and port.
  [[nodiscard]] bool same_as(const sockaddr_storage &other, socklen_t other_len) const;
  [[nodiscard]] bool operator==(const SocketAddress &o) const {
    return same_as(o.storage_, o.len_);
  }
  /// "127.0.0.1:4000" / "[::1]:4000", "" when empty.
  [[nodiscard]] std::string text() const;

 private:
  sockaddr_storage storage_{};
  socklen_t len_ = 0;
};

}  // namespace lineside::media
