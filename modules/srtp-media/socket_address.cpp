// srtp-media/socket_address.cpp: parsing, comparing and printing UDP addresses.
#include "socket_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace lineside::media {

std::optional<SocketAddress> SocketAddress::from_numeric(const std::string &address,
                                                         uint16_t port) {
  SocketAddress a;
  auto *v4 = reinterpret_cast<sockaddr_in *>(&a.storage_);
  if (inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    a.len_ = sizeof(sockaddr_in);
    return a;
  }
  a.storage_ = {};
  auto *v6 = reinterpret_cast<sockaddr_in6 *>(&a.storage_);
  if (inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    a.len_ = sizeof(sockaddr_in6);
    return a;
  }
  return std::nullopt;
}

SocketAddress SocketAddress::from_raw(const sockaddr_storage &raw, socklen_t len) {
  SocketAddress a;
  a.storage_ = raw;
  a.len_ = len;
  return a;
}

uint16_t SocketAddress::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in *>(&storage_)->sin_port);
  if (family() == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage_)->sin6_port);
  }
  return 0;
}

bool SocketAddress::same_as(const sockaddr_storage &other, socklen_t other_len) const {
  if (len_ != other_len || storage_.ss_family != other.ss_family) return false;
  if (storage_.ss_family == AF_INET) {
    const auto *a = reinterpret_cast<const sockaddr_in *>(&storage_);
    const auto *b = reinterpret_cast<const sockaddr_in *>(&other);
    return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
  }
  if (storage_.ss_family == AF_INET6) {
    const auto *a = reinterpret_cast<const sockaddr_in6 *>(&storage_);
    const auto *b = reinterpret_cast<const sockaddr_in6 *>(&other);
    return a->sin6_port == b->sin6_port &&
           std::memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) == 0;
  }
  return false;
}

std::string SocketAddress::text() const {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(&storage_)->sin_addr, buf,
              sizeof buf);
    return std::string(buf) + ":" + std::to_string(port());
  }
  if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(&storage_)->sin6_addr, buf,
              sizeof buf);
    return "[" + std::string(buf) + "]:" + std::to_string(port());
  }
  return {};
}

}  // namespace lineside::media
