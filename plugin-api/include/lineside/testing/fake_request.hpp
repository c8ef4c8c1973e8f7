// lineside/testing/fake_request.hpp: FakeRequest, a SIP request a test builds and hands to
// FakeHost::dispatch(), which also records the responses and the async state the module produced.
// (Its destructor lives with FakeHost: include lineside/testing/fake_host.hpp to use it.)
#pragma once

#include <cctype>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lineside/sip.h"

namespace lineside::testing {

class FakeHostTable;
class FakeRequestApi;
class FakeHost;

/// Header name helpers: case-insensitive comparison with RFC 3261 compact forms expanded.
namespace headers {
/// The long form of a compact header name ("m" -> "contact"), lower-cased; others lower-cased.
inline std::string canonical(std::string_view name) {
  std::string n(name);
  for (char &c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n.size() != 1) return n;
  static const std::map<char, const char *> compact = {
      {'i', "call-id"},       {'m', "contact"},          {'e', "content-encoding"},
      {'l', "content-length"}, {'c', "content-type"},    {'f', "from"},
      {'s', "subject"},        {'k', "supported"},        {'t', "to"},
      {'v', "via"},            {'o', "event"},            {'r', "refer-to"},
      {'b', "referred-by"},    {'u', "allow-events"},     {'x', "session-expires"},
      {'a', "accept-contact"}, {'j', "reject-contact"},   {'d', "request-disposition"},
      {'y', "identity"},       {'n', "identity-info"}};
  auto it = compact.find(n[0]);
  return it == compact.end() ? n : it->second;
}
/// True when two header names denote the same header.
inline bool same(std::string_view a, std::string_view b) { return canonical(a) == canonical(b); }
}  // namespace headers

/// One Contact entry of a FakeRequest. Optional strings are NULL in ls_contact_t when unset.
struct FakeContact {
  std::string uri;                     ///< contact URI without brackets ("*" for a star contact)
  std::optional<std::string> display;  ///< display name
  int64_t expires = -1;                ///< expires parameter, -1 when absent
  int32_t q_milli = -1;                ///< q x 1000, -1 when absent
  std::optional<std::string> instance; ///< +sip.instance value
  std::optional<std::string> reg_id;   ///< reg-id value
  std::string params;                  ///< all header parameters as text (";expires=60")
  bool is_star = false;                ///< "Contact: *"
};

/// Where the request came from (ls_peer_t).
struct FakePeer {
  uint32_t transport = LS_TRANSPORT_UDP;
  std::string addr = "127.0.0.1";
  uint32_t port = 5060;
  bool secure = false;
  ls_flow_id_t flow = 1;
};

/// A response the module sent (status 0 = a silent drop).
struct FakeResponse {
  uint32_t status = 0;
  std::string reason;  ///< "" when the module passed NULL (the standard phrase)
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> content_type;
  std::string body;

  /// The first value of header `name` (case-insensitive), or nullopt.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    for (const auto &[n, v] : headers)
      if (headers::same(n, name)) return v;
    return std::nullopt;
  }
};

/// The verdict one hook returned during FakeHost::dispatch().
struct HookRun {
  std::string hook;  ///< the hook's declared name
  uint32_t verdict;  ///< what it returned
};

/**
 * A SIP request for tests. Set the public fields, then FakeHost::dispatch(hook, request).
 * Optional fields are NULL to the module when unset. The user and host parts of the Request-URI,
 * From and To are derived from the URIs unless set explicitly. Not copyable (the host may hold a
 * pointer to it while it is suspended); keep it alive as long as the module may use it.
 */
class FakeRequest {
 public:
  // ---- what the request carries ----
  std::string method = "OPTIONS";
  std::string request_uri = "sip:pbx.test";
  std::optional<std::string> request_uri_user; ///< overrides the user part derived from request_uri
  std::string from_uri = "sip:1001@pbx.test";
  std::optional<std::string> from_user;        ///< overrides the derived user part
  std::optional<std::string> from_tag = std::string("ftag1");
  std::optional<std::string> from_display;
  std::string to_uri = "sip:1001@pbx.test";
  std::optional<std::string> to_user;          ///< overrides the derived user part
  std::optional<std::string> to_tag;           ///< unset = outside a dialog
  std::string call_id = "call-1@test";
  uint32_t cseq = 1;
  std::optional<std::string> user_agent;
  std::deque<FakeContact> contacts;
  FakePeer peer;
  std::optional<std::string> body;
  std::optional<std::string> content_type;
  std::map<std::string, std::string> attributes; ///< request_set_attr / request_get_attr

  // ---- what the module did (recorded by the fake host) ----
  std::vector<FakeResponse> responses;  ///< every respond() the host accepted, in order
  bool dropped = false;                 ///< respond(status 0) was called
  std::vector<HookRun> hooks_run;       ///< hooks dispatch() ran, in order
  ls_token_t suspended_token = 0;       ///< last token request_suspend returned, 0 if none
  bool resumed = false;                 ///< request_resume was called for the token
  uint32_t resume_verdict = 0;          ///< the verdict it was resumed with

  FakeRequest() = default;
  /// Convenience: a request with `method` and `request_uri`.
  FakeRequest(std::string m, std::string ruri) : method(std::move(m)), request_uri(std::move(ruri)) {}
  FakeRequest(const FakeRequest &) = delete;
  FakeRequest &operator=(const FakeRequest &) = delete;
  ~FakeRequest();

  /// Append a header (kept in order; several with one name are read by index).
  FakeRequest &add_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  /// Append a Contact with `uri` and return it for filling in.
  FakeContact &add_contact(std::string uri) {
    contacts.push_back(FakeContact{});
    contacts.back().uri = std::move(uri);
    return contacts.back();
  }
  /// Append "Contact: *".
  FakeContact &add_star_contact() {
    FakeContact &c = add_contact("*");
    c.is_star = true;
    return c;
  }
  /// Set the body and its content type.
  FakeRequest &set_body(std::string type, std::string bytes) {
    content_type = std::move(type);
    body = std::move(bytes);
    return *this;
  }

  /// The headers added with add_header, in order.
  [[nodiscard]] const std::deque<std::pair<std::string, std::string>> &header_list() const {
    return headers_;
  }
  /// The index-th value of `name` among added headers, or nullptr.
  [[nodiscard]] const std::string *find_header(std::string_view name, uint32_t index) const {
    for (const auto &[n, v] : headers_)
      if (headers::same(n, name) && index-- == 0) return &v;
    return nullptr;
  }
  /// The final response (status >= 200, or the drop), or nullptr.
  [[nodiscard]] const FakeResponse *final_response() const {
    for (const auto &r : responses)
      if (r.status >= 200 || r.status == 0) return &r;
    return nullptr;
  }
  /// The final response's status, or 0 when there is none (see `dropped` for a silent drop).
  [[nodiscard]] uint32_t status() const {
    const FakeResponse *r = final_response();
    return r ? r->status : 0;
  }
  /// The handle the ABI passes to modules.
  [[nodiscard]] ls_request_t *handle() { return reinterpret_cast<ls_request_t *>(this); }
  /// The request behind a handle from handle().
  [[nodiscard]] static FakeRequest *from(ls_request_t *req) { return reinterpret_cast<FakeRequest *>(req); }

  /// Keep a string for the request's life and return it as C text.
  const char *keep(std::string s) const {
    arena_.push_back(std::move(s));
    return arena_.back().c_str();
  }

 private:
  friend class FakeRequestApi;
  friend class FakeHost;
  std::deque<std::pair<std::string, std::string>> headers_;
  mutable std::deque<std::string> arena_;
  FakeHost *host_ = nullptr;  ///< host that last dispatched it (holds its tokens)
};

/// URI part helpers used to derive the user and host fields.
namespace uri {
/// The text after the scheme ("sip:", "sips:", "tel:").
inline std::string_view after_scheme(std::string_view u) {
  const size_t colon = u.find(':');
  if (colon == std::string_view::npos) return u;
  const std::string_view scheme = u.substr(0, colon);
  if (scheme == "sip" || scheme == "sips" || scheme == "tel") return u.substr(colon + 1);
  return u;
}
/// The user part (without password), or nullopt when the URI has none.
inline std::optional<std::string> user(std::string_view u) {
  const std::string_view rest = after_scheme(u);
  const size_t at = rest.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view user = rest.substr(0, at);
  user = user.substr(0, user.find(':'));
  return std::string(user);
}
/// The host part, without port, parameters or headers ("[::1]" keeps its brackets).
inline std::string host(std::string_view u) {
  std::string_view rest = after_scheme(u);
  const size_t at = rest.find('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find_first_of(";?"));
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}
}  // namespace uri

}  // namespace lineside::testing
