// mwi/admin_documents.cpp: admin JSON documents and PUT body validation.
#include "admin_documents.hpp"

#include "json_text.hpp"

namespace lineside::mwi {
namespace {

constexpr const char *kCountFields[] = {"new", "old", "urgent_new", "urgent_old"};

std::string source_text(const Subscription &s) {
  const bool ipv6 = s.source_addr.find(':') != std::string::npos;
  return (ipv6 ? "[" + s.source_addr + "]" : s.source_addr) + ":" + std::to_string(s.source_port);
}

const char *state_name(const Subscription &s) {
  if (s.terminating) return "terminating";
  if (s.connection_oriented() && s.flow == 0) return "awaiting_reconnect";
  return "active";
}

}  // namespace

CountsInput read_counts_body(std::string_view body) {
  CountsInput in;
  const JsonObjectResult parsed = parse_json_object(body);
  if (!parsed.ok()) {
    in.status = 400;
    in.errors.push_back({"body", "json", parsed.error});
    return in;
  }
  for (const auto &[name, value] : parsed.members) {
    bool known = false;
    for (const char *field : kCountFields) known = known || name == field;
    if (!known)
      in.errors.push_back(
          {name, "unknown", "unknown field (expected new, old, urgent_new, urgent_old)"});
  }
  uint32_t values[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < 4; ++i) {
    const std::string field = kCountFields[i];
    auto it = parsed.members.find(field);
    if (it == parsed.members.end()) {
      if (i < 2)
        in.errors.push_back({field, "required", "required: the number of " + field + " messages"});
      continue;
    }
    const JsonScalar &v = it->second;
    if (v.kind != JsonScalar::Kind::number || !v.integer) {
      in.errors.push_back({field, "type", "expected an integer"});
    } else if (*v.integer < 0 || *v.integer > kMaxMessageCount) {
      in.errors.push_back({field, "range", "expected 0 to " + std::to_string(kMaxMessageCount)});
    } else {
      values[i] = static_cast<uint32_t>(*v.integer);
    }
  }
  if (!in.errors.empty()) {
    in.status = 400;
    return in;
  }
  in.counts = MailboxCounts{values[0], values[1], values[2], values[3]};
  if (in.counts.urgent_new > in.counts.new_messages)
    in.errors.push_back(
        {"urgent_new", "urgent_within_new", "urgent_new counts among new: it cannot exceed new"});
  if (in.counts.urgent_old > in.counts.old_messages)
    in.errors.push_back(
        {"urgent_old", "urgent_within_old", "urgent_old counts among old: it cannot exceed old"});
  if (!in.errors.empty()) in.status = 422;
  return in;
}

std::string refusal_json(std::string_view message, const std::vector<FieldError> &errors) {
  std::string out = "{\"error\":" + json_string(message) + ",\"errors\":[";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"field\":" + json_string(errors[i].field) +
           ",\"rule\":" + json_string(errors[i].rule) +
           ",\"message\":" + json_string(errors[i].message) + "}";
  }
  return out + "]}";
}

std::string mailbox_json(std::string_view mailbox, const MailboxRecord &r,
                         std::string_view domain) {
  const MailboxCounts &c = r.counts;
  return "{\"mailbox\":" + json_string(mailbox) +
         ",\"message_account\":" + json_string(message_account_uri(mailbox, domain)) +
         ",\"messages_waiting\":" + (c.waiting() ? "true" : "false") +
         ",\"new\":" + std::to_string(c.new_messages) +
         ",\"old\":" + std::to_string(c.old_messages) +
         ",\"urgent_new\":" + std::to_string(c.urgent_new) +
         ",\"urgent_old\":" + std::to_string(c.urgent_old) +
         ",\"updated_at\":" + std::to_string(r.updated_at) + "}";
}

std::string subscription_json(const Subscription &s, int64_t now) {
  return "{\"id\":" + json_string(s.id) + ",\"device_id\":" + json_string(s.device_id) +
         ",\"mailbox\":" + json_string(s.mailbox) +
         ",\"event_id\":" + (s.event_id.empty() ? std::string("null") : json_string(s.event_id)) +
         ",\"contact\":" + json_string(s.remote_target) +
         ",\"transport\":" + json_string(transport_name(s.transport)) +
         ",\"source\":" + json_string(source_text(s)) +
         ",\"expires_at\":" + std::to_string(s.expires_at) +
         ",\"expires_in\":" + std::to_string(s.remaining(now)) +
         ",\"state\":" + json_string(state_name(s)) + "}";
}

}  // namespace lineside::mwi
