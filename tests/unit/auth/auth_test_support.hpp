// tests/unit/auth/auth_test_support.hpp: fixture and helpers for driving the auth module through
// the fake host (provisioned devices, requests, challenge parsing, computing digest answers).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth_descriptor.hpp"
#include "digest_algorithm.hpp"
#include "digest_response.hpp"
#include "lineside/testing/fake_host.hpp"

namespace lineside::auth::test {

inline constexpr const char *kRealm = "pbx.test";
inline constexpr const char *kPhoneSource = "192.0.2.10";

/// One parameter of a challenge header value (quoted or not), or "" when absent.
inline std::string challenge_param(std::string_view header, std::string_view name) {
  const std::string key = std::string(name) + "=";
  size_t at = 0;
  while ((at = header.find(key, at)) != std::string_view::npos) {
    const bool starts_param = at == 0 || header[at - 1] == ' ' || header[at - 1] == ',';
    if (starts_param) break;
    at += key.size();
  }
  if (at == std::string_view::npos) return "";
  std::string_view rest = header.substr(at + key.size());
  if (!rest.empty() && rest.front() == '"') {
    rest.remove_prefix(1);
    return std::string(rest.substr(0, rest.find('"')));
  }
  return std::string(rest.substr(0, rest.find(',')));
}

/// The headers of the request's final response; none when it has no final response.
inline std::vector<std::pair<std::string, std::string>> headers_of(const testing::FakeRequest &req) {
  const testing::FakeResponse *response = req.final_response();
  return response ? response->headers : std::vector<std::pair<std::string, std::string>>{};
}

/// What a phone puts in Authorization / Proxy-Authorization in answer to a challenge.
struct DigestAnswer {
  std::string username = "1001";
  std::string password = "secret-1001";
  std::string realm = kRealm;
  std::string nonce;
  std::string uri = "sip:pbx.test";
  std::string method = "REGISTER";
  std::string nc = "00000001";
  std::string cnonce = "0a4f113b";
  DigestAlgorithm algorithm = DigestAlgorithm::sha256;

  [[nodiscard]] std::string response() const {
    const std::string ha1 = compute_ha1(algorithm, username, realm, password);
    return compute_response(DigestResponseInputs{algorithm, ha1, method, uri, nonce, nc, cnonce, "auth"});
  }
  [[nodiscard]] std::string header() const {
    return "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce +
           "\", uri=\"" + uri + "\", response=\"" + response() + "\", algorithm=" +
           std::string(algorithm_name(algorithm)) + ", qop=auth, nc=" + nc + ", cnonce=\"" +
           cnonce + "\"";
  }
};

/// A FakeHost with a FakeDirectory holding:
///   dev-1001: user 1001, DN 1001, password secret-1001 (MD5 and SHA-256 HA1)
///   dev-1002: user alice, DN 1002, password secret-alice
///   dev-1003: user 1003, DN 1003, authentication off
class AuthFixture {
 public:
  testing::FakeHost host;
  testing::FakeDirectory directory;

  AuthFixture() {
    add_device("dev-1001", "1001", "1001", "secret-1001");
    add_device("dev-1002", "alice", "1002", "secret-alice");
    add_device("dev-1003", "1003", "1003", "secret-1003").auth_enabled = false;
    host.provide_directory(directory);
  }

  testing::FakeDevice &add_device(const std::string &id, const std::string &user,
                                  const std::string &dn, const std::string &password) {
    return directory.add_device(id, user, dn,
                                compute_ha1(DigestAlgorithm::md5, user, kRealm, password),
                                compute_ha1(DigestAlgorithm::sha256, user, kRealm, password));
  }

  /// Load the module with whatever host.config() holds; true on success.
  bool load() { return host.load(&auth_descriptor(), testing::delete_module_base); }

  /// A request outside a dialog from `user` (To and From) sent from `source`.
  static std::unique_ptr<testing::FakeRequest> request(const std::string &method,
                                                       const std::string &user,
                                                       const std::string &source = kPhoneSource) {
    auto req = std::make_unique<testing::FakeRequest>(method, "sip:pbx.test");
    req->from_uri = "sip:" + user + "@pbx.test";
    req->to_uri = method == "REGISTER" ? req->from_uri : "sip:2000@pbx.test";
    if (method != "REGISTER") req->request_uri = "sip:2000@pbx.test";
    req->peer.addr = source;
    return req;
  }

  /// Run both of the module's hook points as the kernel would; returns the final verdict.
  uint32_t run(testing::FakeRequest &req) {
    const uint32_t received = host.dispatch(LS_HOOK_REQUEST_RECEIVED, req);
    if (received != LS_VERDICT_CONTINUE) return received;
    return host.dispatch(LS_HOOK_AUTHENTICATE, req);
  }

  /// Send `method` without credentials and return the nonce of the first challenge.
  std::string fetch_nonce(const std::string &method = "REGISTER", const std::string &user = "1001",
                          const std::string &source = kPhoneSource) {
    auto req = request(method, user, source);
    run(*req);
    const testing::FakeResponse *r = req->final_response();
    if (r == nullptr || r->headers.empty()) return "";
    return challenge_param(r->headers.front().second, "nonce");
  }

  /// Send `method` as `user` answering with `answer` (header chosen by method); returns the request.
  std::unique_ptr<testing::FakeRequest> send(const DigestAnswer &answer, const std::string &user,
                                             const std::string &source = kPhoneSource) {
    auto req = request(answer.method, user, source);
    req->add_header(answer.method == "REGISTER" ? "Authorization" : "Proxy-Authorization",
                    answer.header());
    run(*req);
    return req;
  }

  /// A fresh answer for `method` with a nonce just fetched from the module.
  DigestAnswer answer_for(const std::string &method = "REGISTER", const std::string &username = "1001",
                          const std::string &password = "secret-1001") {
    DigestAnswer a;
    a.method = method;
    a.username = username;
    a.password = password;
    a.uri = method == "REGISTER" ? "sip:pbx.test" : "sip:2000@pbx.test";
    a.nonce = fetch_nonce(method, username);
    return a;
  }
};

}  // namespace lineside::auth::test
