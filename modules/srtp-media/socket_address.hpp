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
  /// Copy of what recvfrom filled in; empty unless it is an IPv4 or IPv6 address.
  static SocketAddress from_raw(const sockaddr_storage &raw, socklen_t len);

  [[nodiscard]] bool empty() const { return len_ == 0; }
  [[nodiscard]] int family() const { return len_ ? storage_.any.sa_family : 0; }
  [[nodiscard]] const sockaddr *raw() const { return &storage_.any; }
  [[nodiscard]] socklen_t length() const { return len_; }
  [[nodiscard]] uint16_t port() const;
  /// Same family, address and port.
  [[nodiscard]] bool same_as(const sockaddr_storage &other, socklen_t other_len) const;
  [[nodiscard]] bool operator==(const SocketAddress &o) const;
  /// "127.0.0.1:4000" / "[::1]:4000", "" when empty.
  [[nodiscard]] std::string text() const;

 private:
  /// 28 bytes rather than sockaddr_storage's 128: the relay keeps several per endpoint and reads
  /// them for every packet, so they should share cache lines with the rest of the endpoint.
  union Storage {
    sockaddr any;
    sockaddr_in v4;
    sockaddr_in6 v6;
  };
  Storage storage_{};
  socklen_t len_ = 0;
};

}  // namespace lineside::media
