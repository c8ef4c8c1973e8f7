// mwi/subscribe_input.hpp: what the mwi module reads from a SUBSCRIBE (Event, Accept, Expires,
// dialog identifiers, Contact, Record-Route, source) and the rules on its values (RFC 6665).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lineside/plugin.hpp"
#include "mwi_settings.hpp"

namespace lineside::mwi {

/// An Event header: the package ("message-summary", lower-cased) and its id parameter.
struct EventHeader {
  std::string package;
  std::string id;
};

/// Parse an Event header value; nothing when it is not `token *(;param)`.
std::optional<EventHeader> parse_event_header(std::string_view value);

/// True when the Accept header values allow a message-summary body (no Accept header at all
/// means the package default, which is it).
bool accepts_message_summary(const std::vector<std::string> &accept_values);

/// An Expires header as read: absent, malformed, or a number of seconds (huge values saturate).
struct ExpiresValue {
  bool present = false;
  bool valid = true;
  int64_t seconds = 0;
};
ExpiresValue parse_expires(const char *value);

/// The outcome of the expiry rules: status 0 with the granted seconds (0 = end / fetch), or
/// 423 (Interval Too Brief) with granted = min_expires for Min-Expires.
struct ExpiresDecision {
  uint32_t status = 0;
  int64_t granted = 0;
};
ExpiresDecision decide_expires(const ExpiresValue &requested, const MwiSettings &settings);

/// "host[:port]" of a SIP URI ("sip:1001@127.0.0.1:5060;transport=tcp" -> "127.0.0.1:5060"), or ""
/// when there is none.
std::string uri_hostport(std::string_view uri);

/// Split a header value on commas outside <>, quotes and escapes, trimming blanks.
std::vector<std::string> split_header_list(std::string_view value);

/// Everything the module needs from one SUBSCRIBE.
struct SubscribeInput {
  std::optional<EventHeader> event;  ///< nothing: no Event header, or an unparsable one
  bool event_present = false;
  bool accept_ok = true;
  ExpiresValue expires;
  std::string call_id;
  std::string from_tag;
  std::string to_tag;            ///< "" outside a dialog
  std::string from_value;        ///< whole From header value (with tag)
  std::string to_value;          ///< whole To header value
  std::string from_user;         ///< From URI user part
  std::string request_uri;       ///< Request-URI text
  std::string request_uri_user;  ///< its user part, or ""
  uint32_t cseq = 0;
  uint32_t contact_count = 0;
  bool contact_star = false;
  std::string contact_uri;  ///< the first Contact URI, or ""
  std::vector<std::string> record_route;
  ls_peer_t peer{};
  std::string auth_device_id;  ///< auth.device_id set by the auth stage, or ""
};

/// Read a SUBSCRIBE through the host accessors.
SubscribeInput read_subscribe_input(const Request &req);

}  // namespace lineside::mwi
