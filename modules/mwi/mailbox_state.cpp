// mwi/mailbox_state.cpp: mailbox name rule, message-summary body text, mailbox store records.
#include "mailbox_state.hpp"

#include "record_codec.hpp"

namespace lineside::mwi {
namespace {

constexpr std::string_view kMailboxHeader = "lineside-mwi-mailbox 1";
constexpr size_t kMaxMailboxLength = 20;

}  // namespace

bool valid_mailbox_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxMailboxLength) return false;
  for (char c : name) {
    if (!(c >= '0' && c <= '9') && c != '*' && c != '#') return false;
  }
  return true;
}

std::string message_account_uri(std::string_view mailbox, std::string_view domain) {
  std::string uri = "sip:";
  uri.append(mailbox).push_back('@');
  uri.append(domain);
  return uri;
}

std::string message_summary_body(const MailboxCounts &c, std::string_view account_uri) {
  std::string body = "Messages-Waiting: ";
  body += c.waiting() ? "yes" : "no";
  body += "\r\nMessage-Account: ";
  body.append(account_uri);
  body += "\r\nVoice-Message: " + std::to_string(c.new_messages) + "/" +
          std::to_string(c.old_messages) + " (" + std::to_string(c.urgent_new) + "/" +
          std::to_string(c.urgent_old) + ")\r\n";
  return body;
}

std::string encode_mailbox(std::string_view mailbox, const MailboxRecord &r) {
  return RecordWriter(kMailboxHeader)
      .text("mailbox", mailbox)
      .number("new", r.counts.new_messages)
      .number("old", r.counts.old_messages)
      .number("urgent_new", r.counts.urgent_new)
      .number("urgent_old", r.counts.urgent_old)
      .number("updated_at", r.updated_at)
      .str();
}

std::optional<MailboxRecord> decode_mailbox(std::string_view mailbox, std::string_view value) {
  auto reader = RecordReader::parse(value, kMailboxHeader);
  if (!reader || reader->text("mailbox") != mailbox || !valid_mailbox_name(mailbox))
    return std::nullopt;
  auto count = [&](std::string_view name) { return reader->number(name, 0, kMaxMessageCount); };
  const auto n = count("new"), o = count("old"), un = count("urgent_new"), uo = count("urgent_old");
  const auto at = reader->number("updated_at", 0, INT64_MAX);
  if (!n || !o || !un || !uo || !at || *un > *n || *uo > *o) return std::nullopt;
  MailboxRecord r;
  r.counts = MailboxCounts{static_cast<uint32_t>(*n), static_cast<uint32_t>(*o),
                           static_cast<uint32_t>(*un), static_cast<uint32_t>(*uo)};
  r.updated_at = *at;
  return r;
}

}  // namespace lineside::mwi
