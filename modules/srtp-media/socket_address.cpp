// srtp-media/socket_address.cpp: parsing, comparing and printing UDP addresses.
#include "socket_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace lineside::media {
namespace {

/// Same family, address and port (the caller has checked the lengths match).
bool same_endpoint(const sockaddr *a, const sockaddr *b) {
  if (a->sa_family != b->sa_family) return false;
  if (a->sa_family == AF_INET) {
    const auto *x = reinterpret_cast<const sockaddr_in *>(a);
    const auto *y = reinterpret_cast<const sockaddr_in *>(b);
    return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
  }
  if (a->sa_family == AF_INET6) {
    const auto *x = reinterpret_cast<const sockaddr_in6 *>(a);
    const auto *y = reinterpret_cast<const sockaddr_in6 *>(b);
    return x->sin6_port == y->sin6_port &&
           std::memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
  }
  return false;
}

}  // namespace

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

bool SocketAddress::same_as(const sockaddr_storage &other, socklen_t other_len) const {
  return len_ == other_len && same_endpoint(raw(), reinterpret_cast<const sockaddr *>(&other));
}

bool SocketAddress::operator==(const SocketAddress &o) const {
  return len_ == o.len_ && same_endpoint(raw(), o.raw());
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
