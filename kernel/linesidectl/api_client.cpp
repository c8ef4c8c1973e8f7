// linesidectl/api_client.cpp: Poco HTTPClientSession / HTTPSClientSession request and response.
#include "linesidectl/api_client.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>

#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

namespace {
const Poco::Timespan kTimeout(60, 0);
}

std::string path_segment(const std::string &text) {
  std::string out;
  Poco::URI::encode(text, "/?#%&=+ ", out);
  return out;
}

ApiClient::ApiClient(ConnectionSettings settings) : settings_(std::move(settings)) {
  Poco::URI uri;
  try {
    uri = Poco::URI(settings_.url);
  } catch (const Poco::Exception &e) {
    throw UsageError("--url " + settings_.url + ": " + e.message());
  }
  scheme_ = uri.getScheme();
  host_ = uri.getHost();
  if ((scheme_ != "http" && scheme_ != "https") || host_.empty()) {
    throw UsageError("--url " + settings_.url + ": expected http://host[:port] or https://host[:port]");
  }
  port_ = uri.getPort();
  prefix_ = uri.getPath();
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
}

ApiResponse ApiClient::request(const std::string &method, const std::string &path, const std::string &body) const {
  const std::string where = scheme_ + "://" + host_ + ":" + std::to_string(port_);
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (scheme_ == "https") {
      Poco::Net::Context::Ptr context = new Poco::Net::Context(
          Poco::Net::Context::TLS_CLIENT_USE, settings_.cacert, Poco::Net::Context::VERIFY_RELAXED, 9,
          settings_.cacert.empty());
      session = std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(host_, port_);
    }
    session->setTimeout(kTimeout);
    Poco::Net::HTTPRequest req(method, prefix_ + path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Accept", "application/json");
    req.set("User-Agent", "linesidectl");
    if (!settings_.basic_user.empty()) {
      Poco::Net::HTTPBasicCredentials(settings_.basic_user, settings_.basic_password).authenticate(req);
    } else if (!settings_.bearer_token.empty()) {
      req.set("Authorization", "Bearer " + settings_.bearer_token);
    }
    if (!body.empty()) req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    session->sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream &in = session->receiveResponse(resp);
    ApiResponse out;
    out.status = static_cast<unsigned>(resp.getStatus());
    out.reason = Poco::Net::HTTPResponse::getReasonForStatus(resp.getStatus());
    Poco::StreamCopier::copyToString(in, out.body);
    return out;
  } catch (const Poco::Exception &e) {
    throw ConnectError("cannot talk to " + where + ": " + e.displayText());
  } catch (const std::exception &e) {
    throw ConnectError("cannot talk to " + where + ": " + e.what());
  }
}

}  // namespace lineside::ctl
