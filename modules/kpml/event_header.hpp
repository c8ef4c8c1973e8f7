// kpml/event_header.hpp: reading the Event and Subscription-State headers (RFC 6665) a kpml
// SUBSCRIBE or NOTIFY carries.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::kpml {

/// An Event value: "kpml;call-id=\"a@b\";local-tag=x" -> package "kpml", params (names lower-case,
/// values unquoted).
struct EventHeader {
  std::string package;  ///< lower-case
  std::map<std::string, std::string> params;
};

/// Nothing when the package is not a token.
std::optional<EventHeader> parse_event(std::string_view value);

/// A Subscription-State value: "terminated;reason=timeout".
struct SubscriptionState {
  std::string state;   ///< lower-case: active, pending, terminated
  std::string reason;  ///< lower-case, "" when absent
};

SubscriptionState parse_subscription_state(std::string_view value);

/// The Event value for a kpml SUBSCRIBE naming a dialog (Call-ID quoted) or none.
std::string kpml_event_value(std::string_view call_id, std::string_view local_tag,
                             std::string_view remote_tag);

}  // namespace lineside::kpml
