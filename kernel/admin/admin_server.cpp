// admin/admin_server.cpp: Poco HTTP(S) server, request parsing, auth and the SIP-thread bridge.
#include "admin/admin_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <pthread.h>

#include <chrono>
#include <future>
#include <istream>
#include <stdexcept>

#include "admin/admin_auth.hpp"
#include "admin/admin_routes.hpp"
#include "admin/kernel_routes.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/sip_loop.hpp"

namespace lineside::kernel {

namespace {
constexpr size_t kMaxBody = 1 << 20;

struct Context {
  const AdminAuth &auth;
  const AdminRoutes &routes;
  const KernelRoutes &kernel_routes;
  Metrics &metrics;
  SipLoop &loop;
};

void send(Poco::Net::HTTPServerResponse &resp, unsigned status, const std::string &type,
          const std::string &body) {
  resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  resp.setContentType(type);
  resp.setContentLength(static_cast<std::streamsize>(body.size()));
  resp.send() << body;
}

void send_error(Poco::Net::HTTPServerResponse &resp, unsigned status, const std::string &what) {
  send(resp, status, "application/json", "{\"error\":\"" + what + "\"}");
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Context &ctx) : ctx_(ctx) {}
  void handleRequest(Poco::Net::HTTPServerRequest &req, Poco::Net::HTTPServerResponse &resp) override {
    Poco::URI uri(req.getURI());
    const std::string path = uri.getPath();
    const std::string method = req.getMethod();
    if (path == "/api/v1/health" && method == "GET") {
      send(resp, 200, "application/json", "{\"status\":\"ok\"}");
      return;
    }
    if (!ctx_.auth.allows(req.get("Authorization", ""))) {
      resp.add("WWW-Authenticate", "Bearer realm=\"lineside\"");
      resp.add("WWW-Authenticate", "Basic realm=\"lineside\"");
      send_error(resp, 401, "missing or wrong credentials (bearer token or basic)");
      return;
    }
    if (path == "/metrics" && method == "GET") {
      send(resp, 200, "text/plain; version=0.0.4", ctx_.metrics.prometheus_text());
      return;
    }
    const KernelHandler *kernel_handler = ctx_.kernel_routes.find(method, path);
    const AdminRoutes::Route *route = kernel_handler ? nullptr : ctx_.routes.find(method, path);
    if (!route && !kernel_handler) {
      const bool known = ctx_.routes.path_known(path) || ctx_.kernel_routes.path_known(path);
      send_error(resp, known ? 405 : 404, known ? "method not allowed" : "no such resource");
      return;
    }
    std::string body;
    if (req.getContentLength() > static_cast<std::streamsize>(kMaxBody)) {
      send_error(resp, 413, "body too large");
      return;
    }
    std::istream &in = req.stream();
    char buf[8192];
    while (in && body.size() <= kMaxBody) {
      in.read(buf, sizeof buf);
      body.append(buf, static_cast<size_t>(in.gcount()));
    }
    if (body.size() > kMaxBody) {
      send_error(resp, 413, "body too large");
      return;
    }
    struct Call {
      std::string method, path, query, body;
      ls_admin_reply reply;
      std::promise<void> done;
    };
    auto call = std::make_shared<Call>();
    call->method = method;
    call->path = path;
    call->query = uri.getRawQuery();
    call->body = std::move(body);
    std::future<void> finished = call->done.get_future();
    if (kernel_handler) {
      serve_kernel(*kernel_handler, call, finished, resp);
      return;
    }
    const ls_admin_fn fn = route->fn;
    void *arg = route->arg;
    if (!ctx_.loop.post([call, fn, arg] {
          ls_admin_request_t areq{sizeof(ls_admin_request_t), 0, call->method.c_str(),
                                  call->path.c_str(), call->query.c_str(), call->body.c_str(),
                                  call->body.size()};
          try {
            fn(arg, &areq, &call->reply);
          } catch (...) {
            call->reply = ls_admin_reply{};
          }
          call->done.set_value();
        })) {
      send_error(resp, 503, "server busy");
      return;
    }
    if (finished.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      send_error(resp, 503, "timed out waiting for the SIP thread");
      return;
    }
    send(resp, call->reply.status, call->reply.content_type, call->reply.body);
  }

 private:
  /// A kernel route: the handler answers through respond(), possibly after a store commit.
  template <class CallPtr>
  void serve_kernel(const KernelHandler &handler, const CallPtr &call, std::future<void> &finished,
                    Poco::Net::HTTPServerResponse &resp) {
    const KernelHandler *h = &handler;
    if (!ctx_.loop.post([call, h] {
          AdminCall ac{call->method, call->path, call->query, call->body};
          auto answered = std::make_shared<bool>(false);
          AdminRespond respond = [call, answered](unsigned status, const std::string &out) {
            if (*answered) return;
            *answered = true;
            call->reply.status = status;
            call->reply.body = out;
            call->done.set_value();
          };
          try {
            (*h)(ac, respond);
          } catch (const std::exception &) {
            respond(500, std::string("{\"error\":\"internal error\"}"));
          }
        })) {
      send_error(resp, 503, "server busy");
      return;
    }
    if (finished.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      send_error(resp, 503, "timed out waiting for the SIP thread");
      return;
    }
    send(resp, call->reply.status, call->reply.content_type, call->reply.body);
  }

  Context &ctx_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Context &ctx) : ctx_(ctx) {}
  Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &) override {
    return new Handler(ctx_);
  }

 private:
  Context &ctx_;
};
}  // namespace

struct AdminServer::Impl {
  Context ctx;
  /// The server's own threads (not Poco's default pool): joined on destruction, so each thread
  /// exits and OpenSSL frees what it keeps per thread (its error queue, after PBKDF2 or TLS).
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::string address;
};

namespace {
Poco::Net::ServerSocket open_socket(const std::string &listen, const AdminTls &tls) {
  const Poco::Net::SocketAddress address(listen);
  if (tls.cert_file.empty()) return Poco::Net::ServerSocket(address);
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_SERVER_USE, tls.key_file, tls.cert_file, "", Poco::Net::Context::VERIFY_NONE);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  return Poco::Net::SecureServerSocket(address, 64, context);
}

/// Names the calling thread `name` for its lifetime and then restores its own name. A new thread
/// takes its creator's name, and Poco does not name its threads for the OS: the pool and acceptor
/// threads Poco starts inside this scope (and those they start later) show as `name`.
class ThreadsStartedHereNamed {
 public:
  explicit ThreadsStartedHereNamed(const char *name) {
    if (pthread_getname_np(pthread_self(), saved_, sizeof saved_) != 0) saved_[0] = '\0';
    pthread_setname_np(pthread_self(), name);
  }
  ~ThreadsStartedHereNamed() {
    if (saved_[0] != '\0') pthread_setname_np(pthread_self(), saved_);
  }
  ThreadsStartedHereNamed(const ThreadsStartedHereNamed &) = delete;
  ThreadsStartedHereNamed &operator=(const ThreadsStartedHereNamed &) = delete;

 private:
  char saved_[16]{};
};
}  // namespace

AdminServer::AdminServer(const std::string &listen, const AdminAuth &auth, const AdminRoutes &routes,
                         const KernelRoutes &kernel_routes, Metrics &metrics, SipLoop &loop, const AdminTls &tls)
    : impl_(new Impl{Context{auth, routes, kernel_routes, metrics, loop}, nullptr, nullptr, listen}) {
  const char *scheme = tls.cert_file.empty() ? "http" : "https";
  try {
    Poco::Net::ServerSocket socket = open_socket(listen, tls);
    auto *params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    const ThreadsStartedHereNamed naming("ls-admin");
    impl_->pool = std::make_unique<Poco::ThreadPool>("ls-admin", 1, 4);
    impl_->server =
        std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->ctx), *impl_->pool, socket, params);
    impl_->server->start();
    impl_->address = socket.address().toString();
  } catch (const Poco::Exception &e) {
    throw std::runtime_error("cannot start the admin API on " + listen + ": " + e.displayText());
  }
  log_notice("admin", std::string("admin API on ") + scheme + "://" + impl_->address);
}

AdminServer::~AdminServer() {
  if (impl_->server) impl_->server->stopAll(true);
  impl_->server.reset();
  if (impl_->pool) impl_->pool->stopAll();  // joins the threads
}

std::string AdminServer::address() const { return impl_->address; }

}  // namespace lineside::kernel
