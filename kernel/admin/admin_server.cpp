// admin/admin_server.cpp: Poco HTTP server, request parsing, auth and the SIP-thread bridge.
#include "admin/admin_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <chrono>
#include <future>
#include <istream>
#include <stdexcept>

#include "admin/admin_routes.hpp"
#include "admin/admin_token.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "sip/sip_loop.hpp"

namespace lineside::kernel {

namespace {
constexpr size_t kMaxBody = 1 << 20;

struct Context {
  std::string token;
  const AdminRoutes &routes;
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
    const std::string auth = req.get("Authorization", "");
    if (auth.rfind("Bearer ", 0) != 0 || !token_matches(auth.substr(7), ctx_.token)) {
      resp.set("WWW-Authenticate", "Bearer realm=\"lineside\"");
      send_error(resp, 401, "missing or wrong bearer token");
      return;
    }
    if (path == "/metrics" && method == "GET") {
      send(resp, 200, "text/plain; version=0.0.4", ctx_.metrics.prometheus_text());
      return;
    }
    const AdminRoutes::Route *route = ctx_.routes.find(method, path);
    if (!route) {
      send_error(resp, ctx_.routes.path_known(path) ? 405 : 404,
                 ctx_.routes.path_known(path) ? "method not allowed" : "no such resource");
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
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::string address;
};

AdminServer::AdminServer(const std::string &listen, std::string token, const AdminRoutes &routes,
                         Metrics &metrics, SipLoop &loop)
    : impl_(new Impl{Context{std::move(token), routes, metrics, loop}, nullptr, listen}) {
  try {
    Poco::Net::ServerSocket socket{Poco::Net::SocketAddress(listen)};
    auto *params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->ctx), socket, params);
    impl_->server->start();
    impl_->address = socket.address().toString();
  } catch (const Poco::Exception &e) {
    throw std::runtime_error("cannot start the admin API on " + listen + ": " + e.displayText());
  }
  log_notice("admin", "admin API on http://" + impl_->address);
}

AdminServer::~AdminServer() {
  if (impl_->server) impl_->server->stopAll(true);
}

std::string AdminServer::address() const { return impl_->address; }

}  // namespace lineside::kernel
