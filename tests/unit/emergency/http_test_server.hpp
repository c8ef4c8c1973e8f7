// tests/unit/emergency/http_test_server.hpp: a one-thread HTTP server on 127.0.0.1 for webhook
// tests: records each request, answers with a set status, or stays silent to make clients time out.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lineside::emergency::test {

class HttpTestServer {
 public:
  /// status 0: read the request and never answer (the connection is closed at destruction).
  explicit HttpTestServer(int status = 200) : status_(status) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr *>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 16);
    thread_ = std::thread([this] { serve(); });
  }
  ~HttpTestServer() {
    stop_ = true;
    thread_.join();
    for (int c : silent_) ::close(c);
    ::close(fd_);
  }
  HttpTestServer(const HttpTestServer &) = delete;
  HttpTestServer &operator=(const HttpTestServer &) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(const std::string &path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  /// Requests received (head and body), in order.
  std::vector<std::string> requests() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  /// Wait (bounded) until `n` requests arrived.
  bool wait_for(size_t n, int timeout_ms = 5000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      if (requests().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      std::string req = read_request(c);
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(req);
      }
      if (status_ == 0) {
        silent_.push_back(c);
        continue;
      }
      const std::string reply = "HTTP/1.1 " + std::to_string(status_) +
                                " X\r\nContent-Length: 2\r\n"
                                "Connection: close\r\n\r\nok";
      (void)!::send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }
  static std::string read_request(int c) {
    std::string data;
    char buf[4096];
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < end) {
      const size_t head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const size_t cl = data.find("Content-Length: ");
        const size_t want = cl == std::string::npos ? 0 : std::stoul(data.substr(cl + 16));
        if (data.size() >= head_end + 4 + want) break;
      }
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      data.append(buf, static_cast<size_t>(n));
    }
    return data;
  }

  int status_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> requests_;
  std::vector<int> silent_;
};

}  // namespace lineside::emergency::test
