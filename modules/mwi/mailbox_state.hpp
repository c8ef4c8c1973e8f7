// mwi/mailbox_state.hpp: the message counts of one mailbox, the rules a mailbox name and the
// counts follow, their store record, and the RFC 3842 message-summary body that carries them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lineside::mwi {

/// MIME type of a message-summary body (RFC 3842 §3.5).
inline constexpr const char *kMessageSummaryType = "application/simple-message-summary";
/// Event package name (RFC 3842 §3.1).
inline constexpr const char *kEventPackage = "message-summary";
/// Largest count accepted for any of the four numbers.
inline constexpr int64_t kMaxMessageCount = 999999;

/// Voice messages of one mailbox. The urgent counts are part of new/old, not in addition.
struct MailboxCounts {
  uint32_t new_messages = 0;
  uint32_t old_messages = 0;
  uint32_t urgent_new = 0;
  uint32_t urgent_old = 0;

  /// Messages-Waiting is "yes" when there is at least one new message.
  [[nodiscard]] bool waiting() const { return new_messages > 0; }
  bool operator==(const MailboxCounts &) const = default;
};

/// A mailbox's counts and when they were last set (UNIX seconds).
struct MailboxRecord {
  MailboxCounts counts;
  int64_t updated_at = 0;
};

/// A mailbox name: 1 to 20 characters, each a digit, '*' or '#' (the rule DNs and the devices'
/// voicemail_box follow).
bool valid_mailbox_name(std::string_view name);

/// The message-summary body (RFC 3842 §5.2) for `counts` of the mailbox at `account_uri`:
///   Messages-Waiting: yes|no
///   Message-Account: sip:<mailbox>@<domain>
///   Voice-Message: new/old (urgent_new/urgent_old)
std::string message_summary_body(const MailboxCounts &counts, std::string_view account_uri);

/// "sip:<mailbox>@<domain>".
std::string message_account_uri(std::string_view mailbox, std::string_view domain);

/// Store record of a mailbox, and its reading (nothing when unreadable or out of range).
std::string encode_mailbox(std::string_view mailbox, const MailboxRecord &record);
std::optional<MailboxRecord> decode_mailbox(std::string_view mailbox, std::string_view value);

}  // namespace lineside::mwi
