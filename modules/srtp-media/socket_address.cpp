// srtp-media/socket_address.cpp: parsing, comparing and printing UDP addresses.
#include "socket_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace lineside::media {

std::optional<SocketAddress> SocketAddress::from_numeric(const std::string &address,
                                                         uint16_t port) {
  SocketAddress a;
  if (inet_pton(AF_INET, address.c_str(), &a.storage_.v4.sin_addr) == 1) {
    a.storage_.v4.sin_family = AF_INET;
    a.storage_.v4.sin_port = htons(port);
    a.len_ = sizeof(sockaddr_in);
    return a;
  }
  a.storage_ = {};
  if (inet_pton(AF_INET6, address.c_str(), &a.storage_.v6.sin6_addr) == 1) {
    a.storage_.v6.sin6_family = AF_INET6;
    a.storage_.v6.sin6_port = htons(port);
    a.len_ = sizeof(sockaddr_in6);
    return a;
  }
  return std::nullopt;
}

SocketAddress SocketAddress::from_raw(const sockaddr_storage &raw, socklen_t len) {
  SocketAddress a;
  const bool v4 = raw.ss_family == AF_INET && len == sizeof(sockaddr_in);
  const bool v6 = raw.ss_family == AF_INET6 && len == sizeof(sockaddr_in6);
  if (!v4 && !v6) return a;
  std::memcpy(&a.storage_, &raw, len);
  a.len_ = len;
  return a;
}

uint16_t SocketAddress::port() const {
  if (family() == AF_INET) return ntohs(storage_.v4.sin_port);
  if (family() == AF_INET6) return ntohs(storage_.v6.sin6_port);
  return 0;
}

bool SocketAddress::same_as(const Storage &other, socklen_t other_len) const {
  if (len_ != other_len || storage_.any.sa_family != other.any.sa_family) return false;
  if (storage_.any.sa_family == AF_INET) {
    return storage_.v4.sin_port == other.v4.sin_port &&
           storage_.v4.sin_addr.s_addr == other.v4.sin_addr.s_addr;
  }
  if (storage_.any.sa_family == AF_INET6) {
    return storage_.v6.sin6_port == other.v6.sin6_port &&
           std::memcmp(&storage_.v6.sin6_addr, &other.v6.sin6_addr, sizeof(in6_addr)) == 0;
  }
  return false;
}

bool SocketAddress::same_as(const sockaddr_storage &other, socklen_t other_len) const {
  if (other_len > sizeof(Storage)) return false;
  Storage copy{};
  std::memcpy(&copy, &other, other_len);
  return same_as(copy, other_len);
}

bool SocketAddress::operator==(const SocketAddress &o) const {
  return same_as(o.storage_, o.len_);
}

std::string SocketAddress::text() const {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &storage_.v4.sin_addr, buf, sizeof buf);
    return std::string(buf) + ":" + std::to_string(port());
  }
  if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &storage_.v6.sin6_addr, buf, sizeof buf);
    return "[" + std::string(buf) + "]:" + std::to_string(port());
  }
  return {};
}

}  // namespace lineside::media
