// mwi/subscription.hpp: one message-summary subscription: its dialog (RFC 6665 §4.1.2, RFC 3261
// §12), the subscriber and mailbox, its expiry, and the NOTIFY bookkeeping; and its store record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lineside/abi.h"

namespace lineside::mwi {

/// Table name of the subscriptions in the store (key = Subscription::id).
inline constexpr const char *kSubscriptionsTable = "mwi_subscriptions";
/// Table name of the mailbox states in the store (key = mailbox).
inline constexpr const char *kMailboxesTable = "mwi_state";

struct Subscription {
  // ---- identity and dialog (stored) ----
  std::string id;             ///< our To tag: unique, also the store key
  std::string call_id;        ///< Call-ID of the dialog
  std::string remote_tag;     ///< the subscriber's From tag
  std::string remote_party;   ///< the subscriber's From value (with its tag): our NOTIFYs' To
  std::string local_party;    ///< the SUBSCRIBE's To value with our tag: our NOTIFYs' From
  std::string remote_target;  ///< the subscriber's Contact URI (NOTIFY Request-URI)
  std::vector<std::string> route_set;  ///< Record-Route values, in order (NOTIFY Route headers)
  std::string event_id;                ///< id parameter of the Event header, or ""
  uint32_t local_cseq = 0;             ///< CSeq of the last NOTIFY we sent
  uint32_t remote_cseq = 0;            ///< CSeq of the last SUBSCRIBE accepted

  // ---- who and what (stored) ----
  std::string device_id;    ///< subscribing device
  std::string device_user;  ///< its SIP user (location lookups)
  std::string mailbox;      ///< watched mailbox
  bool follows_device =
      true;  ///< mailbox is the device's own (re-resolved when the device changes)
  uint32_t transport = LS_TRANSPORT_UDP;  ///< transport of the SUBSCRIBE
  std::string source_addr;                ///< where the SUBSCRIBE came from
  uint32_t source_port = 0;
  int64_t created_at = 0;  ///< UNIX seconds
  int64_t expires_at = 0;  ///< UNIX seconds

  // ---- run time only (never stored) ----
  ls_flow_id_t flow = 0;         ///< TCP/TLS connection to send over; 0 = wait for the phone
  bool in_flight = false;        ///< a NOTIFY is outstanding (RFC 6665: one at a time)
  bool dirty = false;            ///< the current state still has to be sent
  bool terminating = false;      ///< ended: only the final NOTIFY remains to be sent
  std::string terminate_reason;  ///< reason parameter of that NOTIFY, "" = none
  bool final_sent = false;       ///< the terminated NOTIFY went out

  /// True for TCP and TLS: the server must not dial, only use the phone's own connection.
  [[nodiscard]] bool connection_oriented() const {
    return transport == LS_TRANSPORT_TCP || transport == LS_TRANSPORT_TLS;
  }
  /// Seconds left, never negative.
  [[nodiscard]] int64_t remaining(int64_t now) const {
    return expires_at > now ? expires_at - now : 0;
  }
};

/// The stored form of a subscription (dialog, subscriber, mailbox, expiry, CSeqs).
std::string encode_subscription(const Subscription &s);
/// Nothing when the record is unreadable or its id differs from `key`.
std::optional<Subscription> decode_subscription(std::string_view key, std::string_view value);

/// "udp", "tcp", "tls" or "unknown".
const char *transport_name(uint32_t transport);

}  // namespace lineside::mwi
