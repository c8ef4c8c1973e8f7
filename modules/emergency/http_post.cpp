// emergency/http_post.cpp: non-blocking connect, (TLS handshake,) write and read, all under one
// deadline with poll().
#include "http_post.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

namespace lineside::emergency {
namespace {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

struct SslFree {
  void operator()(SSL_CTX *c) const { SSL_CTX_free(c); }
  void operator()(SSL *s) const { SSL_free(s); }
};

int remaining_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

/// Wait until fd is ready for `events`; false on timeout or error.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  while (true) {
    const int left = remaining_ms(deadline);
    if (left == 0) return false;
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, left);
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

std::string address_text(const sockaddr *sa) {
  char buf[INET6_ADDRSTRLEN] = "?";
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(sa)->sin_addr, buf, sizeof buf);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(sa)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

/// Connect to the first address of url that answers; fd < 0 with `error` set otherwise.
int connect_to(const HttpUrl &url, Clock::time_point deadline, std::string &error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo *found = nullptr;
  const std::string port = std::to_string(url.port);
  const int rc = ::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0) {
    error = "cannot resolve " + url.host + ": " + gai_strerror(rc);
    return -1;
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo *)> list(found, ::freeaddrinfo);
  error = "no address for " + url.host;
  for (addrinfo *ai = found; ai; ai = ai->ai_next) {
    const std::string where = address_text(ai->ai_addr) + ":" + port;
    Fd s;
    s.fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (s.fd < 0) {
      error = "socket: " + std::string(std::strerror(errno));
      continue;
    }
    if (::connect(s.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        error = "connect " + where + ": " + std::strerror(errno);
        continue;
      }
      if (!wait_ready(s.fd, POLLOUT, deadline)) {
        error = "connect " + where + ": timed out";
        continue;
      }
      int so_error = 0;
      socklen_t len = sizeof so_error;
      ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
      if (so_error != 0) {
        error = "connect " + where + ": " + std::strerror(so_error);
        continue;
      }
    }
    const int fd = s.fd;
    s.fd = -1;
    return fd;
  }
  return -1;
}

/// The byte stream of one exchange: a socket, or TLS over it.
class Stream {
 public:
  Stream(int fd, SSL *ssl, Clock::time_point deadline) : fd_(fd), ssl_(ssl), deadline_(deadline) {}

  bool write_all(const std::string &data, std::string &error) {
    size_t off = 0;
    while (off < data.size()) {
      const size_t chunk = data.size() - off;
      if (ssl_) {
        const int n = SSL_write(ssl_, data.data() + off, static_cast<int>(chunk));
        if (n > 0) {
          off += static_cast<size_t>(n);
          continue;
        }
        if (!wait_ssl(n, error, "TLS send")) return false;
        continue;
      }
      const ssize_t n = ::send(fd_, data.data() + off, chunk, MSG_NOSIGNAL);
      if (n > 0) {
        off += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        if (!wait_ready(fd_, POLLOUT, deadline_)) return timed_out(error, "send");
      } else {
        error = "send: " + std::string(std::strerror(errno));
        return false;
      }
    }
    return true;
  }

  /// Append what arrives to `out`; 0 at end of stream, -1 on error/timeout, else bytes read.
  long read_some(std::string &out, std::string &error) {
    char buf[4096];
    while (true) {
      if (ssl_) {
        const int n = SSL_read(ssl_, buf, sizeof buf);
        if (n > 0) {
          out.append(buf, static_cast<size_t>(n));
          return n;
        }
        if (SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN) return 0;
        if (!wait_ssl(n, error, "TLS receive")) return error.empty() ? 0 : -1;
        continue;
      }
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        out.append(buf, static_cast<size_t>(n));
        return n;
      }
      if (n == 0) return 0;
      if (errno != EAGAIN && errno != EINTR) {
        error = "receive: " + std::string(std::strerror(errno));
        return -1;
      }
      if (!wait_ready(fd_, POLLIN, deadline_)) {
        timed_out(error, "receive");
        return -1;
      }
    }
  }

  /// After an SSL call returned `rc` <= 0: wait as OpenSSL asks, or fail with `error` ("" for a
  /// plain end of stream while reading).
  bool wait_ssl(int rc, std::string &error, const char *what) {
    const int why = SSL_get_error(ssl_, rc);
    if (why == SSL_ERROR_WANT_READ)
      return wait_ready(fd_, POLLIN, deadline_) || timed_out(error, what);
    if (why == SSL_ERROR_WANT_WRITE)
      return wait_ready(fd_, POLLOUT, deadline_) || timed_out(error, what);
    if (why == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 &&
        std::strcmp(what, "TLS receive") == 0) {
      error.clear();  // the peer closed without close_notify: treat as the end
      return false;
    }
    char text[256] = "";
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    error = std::string(what) + ": " + (text[0] ? text : "connection broken");
    ERR_clear_error();
    return false;
  }

 private:
  bool timed_out(std::string &error, const char *what) {
    error = std::string(what) + ": timed out";
    return false;
  }
  int fd_;
  SSL *ssl_;
  Clock::time_point deadline_;
};

bool is_ip_address(const std::string &host) {
  in6_addr v6{};
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

/// TLS client set-up and handshake with certificate and host checks.
SSL *start_tls(SSL_CTX *ctx, int fd, const HttpPostRequest &r, Clock::time_point deadline,
               std::string &error) {
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  const int loaded = r.ca_file.empty()
                         ? SSL_CTX_set_default_verify_paths(ctx)
                         : SSL_CTX_load_verify_locations(ctx, r.ca_file.c_str(), nullptr);
  if (loaded != 1) {
    error = "cannot load the CA certificates" +
            (r.ca_file.empty() ? std::string() : " of " + r.ca_file);
    return nullptr;
  }
  SSL *ssl = SSL_new(ctx);
  if (!ssl) {
    error = "TLS: out of memory";
    return nullptr;
  }
  SSL_set_fd(ssl, fd);
  const std::string &host = r.url->host;
  if (is_ip_address(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, host.c_str());
    SSL_set1_host(ssl, host.c_str());
  }
  Stream stream(fd, ssl, deadline);
  while (true) {
    const int rc = SSL_connect(ssl);
    if (rc == 1) return ssl;
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      error =
          std::string("TLS: server certificate refused: ") + X509_verify_cert_error_string(verify);
      SSL_free(ssl);
      return nullptr;
    }
    if (!stream.wait_ssl(rc, error, "TLS handshake")) {
      if (error.empty()) error = "TLS handshake: connection closed";
      SSL_free(ssl);
      return nullptr;
    }
  }
}

std::string request_text(const HttpPostRequest &r) {
  return "POST " + r.url->target + " HTTP/1.1\r\nHost: " + r.url->host_header() +
         "\r\nUser-Agent: " + r.user_agent + "\r\nContent-Type: " + r.content_type +
         "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n" +
         r.body;
}

/// The status of "HTTP/1.x NNN ..." at the start of `head`, or 0.
int status_of(const std::string &head) {
  if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12 || head[8] != ' ') return 0;
  int status = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (head[i] < '0' || head[i] > '9') return 0;
    status = status * 10 + (head[i] - '0');
  }
  return status;
}

}  // namespace

HttpOutcome http_post(const HttpPostRequest &r) {
  HttpOutcome out;
  if (!r.url) {
    out.error = "no URL";
    return out;
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(r.timeout_ms);
  Fd sock;
  sock.fd = connect_to(*r.url, deadline, out.error);
  if (sock.fd < 0) return out;
  std::unique_ptr<SSL_CTX, SslFree> ctx;
  std::unique_ptr<SSL, SslFree> ssl;
  if (r.url->tls) {
    ctx.reset(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
      out.error = "TLS: cannot create a context";
      return out;
    }
    ssl.reset(start_tls(ctx.get(), sock.fd, r, deadline, out.error));
    if (!ssl) return out;
  }
  Stream stream(sock.fd, ssl.get(), deadline);
  if (!stream.write_all(request_text(r), out.error)) return out;
  std::string head;
  constexpr size_t kMaxHead = 16384;
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxHead) {
    const long n = stream.read_some(head, out.error);
    if (n < 0) return out;
    if (n == 0) break;
  }
  out.status = status_of(head);
  if (out.status == 0) {
    out.error = head.empty() ? "the server closed the connection without answering"
                             : "the answer is not HTTP/1.x";
    return out;
  }
  out.ok = out.status >= 200 && out.status < 300;
  if (!out.ok) out.error = "HTTP " + std::to_string(out.status);
  if (ssl) SSL_shutdown(ssl.get());
  return out;
}

}  // namespace lineside::emergency
