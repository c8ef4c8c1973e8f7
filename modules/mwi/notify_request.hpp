// mwi/notify_request.hpp: the NOTIFY requests the module sends (inside a subscription dialog, or
// unsolicited to a registered contact), and the host service that sends them and reports back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lineside/plugin.hpp"
#include "subscription.hpp"

namespace lineside::mwi {

/// One NOTIFY, with owned strings (see ls_outgoing_request_t). Empty from/call_id = the host's.
struct NotifyMessage {
  std::string request_uri;
  std::string from;
  std::string to;
  std::string call_id;
  uint32_t cseq = 1;
  uint32_t transport = LS_TRANSPORT_UNKNOWN;
  ls_flow_id_t flow = 0;
  std::string headers;   ///< "Name: value\r\n" lines
  std::string body;      ///< a message-summary body
  std::string next_hop;  ///< first Route of the dialog's route set, or ""
};

/// "active;expires=N".
std::string active_state(int64_t remaining_seconds);
/// "terminated" or "terminated;reason=R".
std::string terminated_state(std::string_view reason);

/// The next NOTIFY of subscription `s` (CSeq s.local_cseq) carrying `state` and `body`.
NotifyMessage dialog_notify(const Subscription &s, std::string_view state, std::string body);

/// An unsolicited NOTIFY (outside any dialog) for `mailbox` to a device's registered contact.
NotifyMessage unsolicited_notify(std::string_view contact_uri, uint32_t transport,
                                 ls_flow_id_t flow, std::string_view device_user,
                                 std::string_view mailbox, std::string_view domain,
                                 std::string_view from_tag, std::string body);

/// Sends NOTIFYs through host->request_send and hands each final status back once. Requests still
/// outstanding when it is destroyed are forgotten (the host never calls back after process stop).
class RequestSender {
 public:
  using Done = std::function<void(uint32_t status)>;
  explicit RequestSender(Host host) : host_(host) {}
  RequestSender(const RequestSender &) = delete;
  RequestSender &operator=(const RequestSender &) = delete;

  /// True when the host took the request (`done` runs later); false when it refused it (a
  /// closed connection, a malformed URI, no request_send in this host): nothing was sent.
  bool send(const NotifyMessage &message, Done done);
  [[nodiscard]] size_t outstanding() const { return pending_.size(); }
  /// The host offers request_send.
  [[nodiscard]] bool available() const;

 private:
  struct Pending {
    RequestSender *owner = nullptr;
    uint64_t id = 0;
    Done done;
  };
  static void on_outcome(void *arg, const ls_request_outcome_t *outcome);

  Host host_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::unique_ptr<Pending>> pending_;
};

}  // namespace lineside::mwi
