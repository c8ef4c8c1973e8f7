// tests/unit/mwi/mwi_test_support.hpp: a fake host wired for the mwi module: a directory with
// voicemail boxes, a location service the test fills, SUBSCRIBE builders and NOTIFY readers.
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lineside/testing/fake_host.hpp"
#include "mwi_descriptor.hpp"
#include "mwi_module.hpp"

namespace lineside::mwi::test {

using lineside::testing::FakeHost;
using lineside::testing::FakeRequest;
using lineside::testing::SentRequest;

/// One device of TestDirectory.
struct TestDevice {
  std::string id, user, dn, voicemail_box;
  bool auth = true;
  std::vector<std::string> lines;
};

/// lineside.directory/1 over a device list, with voicemail boxes (FakeDirectory has none).
class TestDirectory {
 public:
  TestDevice &add(std::string id, std::string user, std::string dn, bool auth = true) {
    devices_.push_back(TestDevice{std::move(id), std::move(user), std::move(dn), "", auth, {}});
    return devices_.back();
  }
  void remove(const std::string &id) {
    for (auto it = devices_.begin(); it != devices_.end(); ++it)
      if (it->id == id) return static_cast<void>(devices_.erase(it));
  }
  const ls_directory_v1_t *table() const {
    static const ls_directory_v1_t t = {
        sizeof(ls_directory_v1_t), 0, &by_user, &by_dn, &count, &line_dn, &by_line};
    return &t;
  }

 private:
  static void fill(const TestDevice &d, ls_device_info_t *out) {
    ls_device_info_t full{};
    full.size = out->size;
    full.auth_enabled = d.auth ? 1u : 0u;
    full.device_id = d.id.c_str();
    full.user = d.user.c_str();
    full.dn = d.dn.c_str();
    full.display_name = full.realm = full.ha1_md5 = full.ha1_sha256 = full.cesid = "";
    full.device_type = "generic-sip";
    full.additional_dn_count = static_cast<uint32_t>(d.lines.size());
    full.voicemail_box = d.voicemail_box.c_str();
    full.forward_always = full.forward_busy = full.forward_no_answer = "";
    std::memcpy(static_cast<void *>(out), &full, out->size < sizeof full ? out->size : sizeof full);
  }
  template <class Match>
  static int find(void *self, ls_device_info_t *out, Match match) {
    for (const TestDevice &d : static_cast<TestDirectory *>(self)->devices_) {
      if (match(d)) {
        fill(d, out);
        return 0;
      }
    }
    return -1;
  }
  static int by_user(void *self, const char *user, ls_device_info_t *out) {
    return find(self, out, [&](const TestDevice &d) { return d.user == user; });
  }
  static int by_dn(void *self, const char *dn, ls_device_info_t *out) {
    return find(self, out, [&](const TestDevice &d) { return d.dn == dn; });
  }
  static int by_line(void *self, const char *dn, ls_device_info_t *out) {
    return by_dn(self, dn, out);
  }
  static uint64_t count(void *self) { return static_cast<TestDirectory *>(self)->devices_.size(); }
  static int line_dn(void *self, const char *id, uint32_t i, const char **out) {
    for (const TestDevice &d : static_cast<TestDirectory *>(self)->devices_) {
      if (d.id == id && i < d.lines.size()) {
        *out = d.lines[i].c_str();
        return 0;
      }
    }
    return -1;
  }
  std::deque<TestDevice> devices_;
};

/// One binding of TestLocation.
struct TestBinding {
  std::string user, device_id, contact, source_addr;
  uint32_t transport = LS_TRANSPORT_UDP;
  ls_flow_id_t flow = 0;
  bool awaiting = false;
};

/// lineside.location/1 over bindings the test adds.
class TestLocation {
 public:
  std::vector<TestBinding> bindings;
  const ls_location_v1_t *table() const {
    static const ls_location_v1_t t = {sizeof(ls_location_v1_t), 0, &lookup, &for_each, &count};
    return &t;
  }

 private:
  static void visit_one(const TestBinding &b, ls_binding_visit_fn visit, void *arg, int &stop) {
    ls_binding_t out{};
    out.size = sizeof out;
    out.transport = b.transport;
    out.aor = "";
    out.user = b.user.c_str();
    out.device_id = b.device_id.c_str();
    out.contact_uri = b.contact.c_str();
    out.expires_at = INT64_MAX;
    out.flow = b.flow;
    out.source_addr = b.source_addr.c_str();
    out.awaiting_reconnect = b.awaiting ? 1u : 0u;
    out.q_milli = -1;
    stop = visit(arg, &out);
  }
  static uint32_t lookup(void *self, const char *user, ls_binding_visit_fn visit, void *arg) {
    uint32_t n = 0;
    for (const TestBinding &b : static_cast<TestLocation *>(self)->bindings) {
      if (b.user != user) continue;
      ++n;
      int stop = 0;
      visit_one(b, visit, arg, stop);
      if (stop) break;
    }
    return n;
  }
  static uint64_t for_each(void *self, ls_binding_visit_fn visit, void *arg) {
    uint64_t n = 0;
    for (const TestBinding &b : static_cast<TestLocation *>(self)->bindings) {
      ++n;
      int stop = 0;
      visit_one(b, visit, arg, stop);
      if (stop) break;
    }
    return n;
  }
  static uint64_t count(void *self) { return static_cast<TestLocation *>(self)->bindings.size(); }
};

/// The fake host with devices 1001 (auth on, voicemail box 7001), 1002 (auth on, line DN 2102)
/// and 1010 (auth off); location empty until a test adds bindings.
struct MwiFixture {
  TestDirectory directory;
  TestLocation location;
  FakeHost host;

  MwiFixture() {
    directory.add("dev-1001", "1001", "1001").voicemail_box = "7001";
    directory.add("dev-1002", "1002", "1002").lines.push_back("2102");
    directory.add("dev-1010", "1010", "1010", false);
    host.register_provider(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, directory.table(),
                           &directory);
    host.register_provider(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, location.table(), &location);
  }

  bool load() {
    const bool ok = host.load(&mwi_descriptor(), testing::delete_module_base);
    if (ok) host.advance(600);  // past the re-send-after-start timer
    return ok;
  }
  MwiModule &module() { return host.module<MwiModule>(); }

  /// An out-of-dialog SUBSCRIBE from `user` over UDP 192.0.2.10:5062, proven by digest when
  /// `authenticated` (auth.device_id = dev-<user>).
  static std::unique_ptr<FakeRequest> subscribe(const std::string &user,
                                                const char *expires = "3600",
                                                bool authenticated = true,
                                                const std::string &target = "") {
    auto req = std::make_unique<FakeRequest>(
        "SUBSCRIBE", "sip:" + (target.empty() ? user : target) + "@127.0.0.1:5060");
    req->from_uri = "sip:" + user + "@pbx.test";
    req->to_uri = req->request_uri;
    req->call_id = "sub-" + user + "@phone";
    req->from_tag = "phone-tag-" + user;
    req->add_header("Event", "message-summary");
    if (expires) req->add_header("Expires", expires);
    req->add_contact("sip:" + user + "@192.0.2.10:5062");
    req->peer.addr = "192.0.2.10";
    req->peer.port = 5062;
    req->peer.flow = 21;
    if (authenticated) req->attributes["auth.device_id"] = "dev-" + user;
    return req;
  }

  /// The in-dialog SUBSCRIBE (refresh, or un-subscribe with "0") of the subscription `sub`.
  static std::unique_ptr<FakeRequest> refresh(const std::string &user, const std::string &our_tag,
                                              uint32_t cseq, const char *expires) {
    auto req = subscribe(user, expires, false);
    req->to_tag = our_tag;
    req->cseq = cseq;
    return req;
  }

  uint32_t send(FakeRequest &req) {
    host.dispatch(LS_HOOK_REQUEST, req);
    host.run_pending();
    return req.status();
  }

  /// The To tag our 200 carried.
  static std::string our_tag(const FakeRequest &req) {
    const testing::FakeResponse *r = req.final_response();
    if (!r) return "";
    const std::string to = r->header("To").value_or("");
    const size_t at = to.find(";tag=");
    return at == std::string::npos ? "" : to.substr(at + 5);
  }

  /// A header line's value in a sent request's extra headers, or "".
  static std::string header_of(const SentRequest &r, const std::string &name) {
    const std::string key = name + ": ";
    const size_t at = r.headers.find(key);
    if (at == std::string::npos) return "";
    const size_t end = r.headers.find("\r\n", at);
    return r.headers.substr(at + key.size(), end - at - key.size());
  }

  const std::vector<SentRequest> &sent() const { return host.sent_requests(); }
  /// Complete every outstanding sent request with `status`.
  void answer_all(uint32_t status = 200) {
    for (size_t i = 0; i < host.sent_requests().size(); ++i) host.complete_request(i, status);
  }
};

}  // namespace lineside::mwi::test
