// billing/smdr_stream_server.cpp: listener, poll loop, per-collector queues and slow-reader drops.
#include "smdr_stream_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lineside::billing {
namespace {

std::string peer_text(const sockaddr_storage &ss) {
  char host[INET6_ADDRSTRLEN] = "?";
  uint16_t port = 0;
  if (ss.ss_family == AF_INET) {
    const auto *a = reinterpret_cast<const sockaddr_in *>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    port = ntohs(a->sin_port);
    return std::string(host) + ":" + std::to_string(port);
  }
  const auto *a6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
  inet_ntop(AF_INET6, &a6->sin6_addr, host, sizeof host);
  port = ntohs(a6->sin6_port);
  return "[" + std::string(host) + "]:" + std::to_string(port);
}

std::string socket_error(const std::string &what) {
  return what + ": " + std::strerror(errno);
}

}  // namespace

SmdrStreamServer::SmdrStreamServer(Host host, StreamSettings settings)
    : host_(host), settings_(std::move(settings)) {}

SmdrStreamServer::~SmdrStreamServer() {
  stop();
}

std::string SmdrStreamServer::start() {
  const std::string where = settings_.listen.text();
  sockaddr_storage ss{};
  socklen_t len = 0;
  const bool v6 = settings_.listen.host.find(':') != std::string::npos;
  if (v6) {
    auto *a6 = reinterpret_cast<sockaddr_in6 *>(&ss);
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(settings_.listen.port);
    if (inet_pton(AF_INET6, settings_.listen.host.c_str(), &a6->sin6_addr) != 1)
      return "cannot listen on " + where + ": not an IPv6 address";
    len = sizeof(sockaddr_in6);
  } else {
    auto *a = reinterpret_cast<sockaddr_in *>(&ss);
    a->sin_family = AF_INET;
    a->sin_port = htons(settings_.listen.port);
    if (inet_pton(AF_INET, settings_.listen.host.c_str(), &a->sin_addr) != 1)
      return "cannot listen on " + where + ": not an IPv4 address";
    len = sizeof(sockaddr_in);
  }
  Fd fd(::socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return socket_error("cannot create the SMDR stream socket");
  const int one = 1, zero = 0;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (v6) ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
  if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0)
    return socket_error("cannot listen on " + where + " (SMDR stream)");
  if (::listen(fd.get(), 16) != 0)
    return socket_error("cannot listen on " + where + " (SMDR stream)");
  sockaddr_storage bound{};
  socklen_t bound_len = sizeof bound;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&bound), &bound_len) == 0) {
    bound_port_ =
        ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in *>(&bound)->sin_port
                                         : reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port);
  }
  Fd wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake.valid()) return socket_error("cannot create the SMDR stream's eventfd");
  listen_fd_ = std::move(fd);
  wake_fd_ = std::move(wake);
  stopping_ = false;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "ls-smdr-stream");
    run();
  });
  return "";
}

void SmdrStreamServer::publish(std::string record) {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(inbox_mutex_);
    inbox_.push_back(std::move(record));
  }
  published_++;
  const uint64_t one = 1;
  if (::write(wake_fd_.get(), &one, sizeof one) < 0 && errno != EAGAIN) {
    host_.warning(socket_error("cannot wake the SMDR stream thread"));
  }
}

void SmdrStreamServer::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  const uint64_t one = 1;
  if (::write(wake_fd_.get(), &one, sizeof one) < 0 && errno != EAGAIN) {
    host_.warning(socket_error("cannot wake the SMDR stream thread"));
  }
  thread_.join();
  collectors_.clear();
  listen_fd_.reset();
  wake_fd_.reset();
  publish_snapshot();
}

std::vector<CollectorInfo> SmdrStreamServer::collectors() const {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  return snapshot_;
}

void SmdrStreamServer::publish_snapshot() {
  std::vector<CollectorInfo> snap;
  for (const Collector &c : collectors_)
    snap.push_back(CollectorInfo{c.peer, c.sent, c.queue.size()});
  const size_t count = snap.size();
  {
    std::lock_guard<std::mutex> lock(snapshot_mutex_);
    snapshot_ = std::move(snap);
  }
  host_.metric_set("collectors", static_cast<int64_t>(count));
}

void SmdrStreamServer::close_collector(Collector &c, const std::string &why, uint32_t level) {
  if (c.closing) return;
  c.closing = true;
  host_.log(level, "SMDR collector " + c.peer + " " + why);
}

void SmdrStreamServer::take_inbox() {
  uint64_t counter = 0;
  while (::read(wake_fd_.get(), &counter, sizeof counter) > 0) {
  }
  std::deque<std::string> lines;
  {
    std::lock_guard<std::mutex> lock(inbox_mutex_);
    lines.swap(inbox_);
  }
  for (std::string &line : lines) {
    for (Collector &c : collectors_) {
      if (c.closing) continue;
      if (c.queue.size() >= settings_.queue_records) send_some(c);  // a burst: try the socket first
      if (c.closing) continue;
      if (c.queue.size() >= settings_.queue_records) {
        dropped_++;
        host_.metric_add("collectors_dropped");
        close_collector(
            c,
            "dropped: " + std::to_string(c.queue.size()) + " records waiting, it reads too slowly",
            LS_LOG_WARNING);
        continue;
      }
      c.queue.push_back(line);
    }
    if (settings_.backlog_records > 0) {
      backlog_.push_back(std::move(line));
      while (backlog_.size() > settings_.backlog_records) backlog_.pop_front();
    }
  }
}

void SmdrStreamServer::accept_all() {
  for (;;) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    const int fd = ::accept4(listen_fd_.get(), reinterpret_cast<sockaddr *>(&ss), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
        host_.warning(socket_error("SMDR stream accept failed"));
      return;
    }
    Collector c;
    c.fd = Fd(fd);
    c.peer = peer_text(ss);
    if (collectors_.size() >= settings_.max_collectors) {
      host_.warning("SMDR collector " + c.peer + " refused: " +
                    std::to_string(settings_.max_collectors) + " collectors already connected");
      continue;  // closed by Fd
    }
    c.queue.assign(backlog_.begin(), backlog_.end());
    host_.notice("SMDR collector " + c.peer + " connected" +
                 (c.queue.empty()
                      ? std::string()
                      : " (sending " + std::to_string(c.queue.size()) + " recent records)"));
    collectors_.push_back(std::move(c));
  }
}

void SmdrStreamServer::read_and_ignore(Collector &c) {
  char scratch[512];
  for (;;) {
    const ssize_t n = ::recv(c.fd.get(), scratch, sizeof scratch, MSG_DONTWAIT);
    if (n > 0) continue;
    if (n == 0) return close_collector(c, "disconnected", LS_LOG_NOTICE);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK)
      close_collector(c, socket_error("disconnected"), LS_LOG_NOTICE);
    return;
  }
}

void SmdrStreamServer::send_some(Collector &c) {
  while (!c.closing && !c.queue.empty()) {
    const std::string &front = c.queue.front();
    const ssize_t n = ::send(c.fd.get(), front.data() + c.offset, front.size() - c.offset,
                             MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        close_collector(c, socket_error("disconnected"), LS_LOG_NOTICE);
      return;
    }
    c.offset += static_cast<size_t>(n);
    if (c.offset < front.size()) return;
    c.queue.pop_front();
    c.offset = 0;
    ++c.sent;
  }
}

void SmdrStreamServer::run() {
  std::vector<pollfd> fds;
  while (!stopping_) {
    fds.clear();
    fds.push_back(pollfd{wake_fd_.get(), POLLIN, 0});
    fds.push_back(pollfd{listen_fd_.get(), POLLIN, 0});
    for (const Collector &c : collectors_) {
      const short events = static_cast<short>(POLLIN | (c.queue.empty() ? 0 : POLLOUT));
      fds.push_back(pollfd{c.fd.get(), events, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      host_.error(socket_error("SMDR stream poll failed; the stream stops"));
      return;
    }
    if (stopping_) break;
    const size_t before = collectors_.size();
    for (size_t i = 0; i < before; ++i) {
      Collector &c = collectors_[i];
      const short re = fds[i + 2].revents;
      if (re & POLLIN) read_and_ignore(c);
      if (re & (POLLERR | POLLNVAL))
        close_collector(c, "disconnected (socket error)", LS_LOG_NOTICE);
      else if ((re & POLLHUP) && !(re & POLLIN))
        close_collector(c, "disconnected", LS_LOG_NOTICE);
    }
    if (fds[0].revents & POLLIN) take_inbox();
    if (fds[1].revents & POLLIN) accept_all();
    for (Collector &c : collectors_) send_some(c);
    collectors_.erase(std::remove_if(collectors_.begin(), collectors_.end(),
                                     [](const Collector &c) { return c.closing; }),
                      collectors_.end());
    publish_snapshot();
  }
}

}  // namespace lineside::billing
