// mwi/admin_documents.hpp: the JSON documents of the admin routes (mailbox states, subscriptions,
// refusals) and the validation of a PUT body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mailbox_state.hpp"
#include "subscription.hpp"

namespace lineside::mwi {

/// One refused field: {"field","rule","message"}.
struct FieldError {
  std::string field;
  std::string rule;
  std::string message;
};

/// A PUT body read: the counts, or a status (400 malformed / wrong type or range, 422 a rule)
/// with the field errors.
struct CountsInput {
  MailboxCounts counts;
  uint32_t status = 0;
  std::vector<FieldError> errors;
};

/// {"new":N,"old":M,"urgent_new":U,"urgent_old":V}: new and old required, urgent ones optional (0),
/// integers 0..999999, urgent_new <= new and urgent_old <= old, nothing else.
CountsInput read_counts_body(std::string_view body);

/// {"error":message,"errors":[...]}.
std::string refusal_json(std::string_view message, const std::vector<FieldError> &errors = {});

/// {"mailbox","message_account","messages_waiting","new","old","urgent_new","urgent_old","updated_at"}
std::string mailbox_json(std::string_view mailbox, const MailboxRecord &record,
                         std::string_view domain);

/// {"id","device_id","mailbox","event_id","contact","transport","source","expires_at","expires_in",
///  "state"} with state "active", "awaiting_reconnect" or "terminating".
std::string subscription_json(const Subscription &s, int64_t now);

}  // namespace lineside::mwi
