// mwi/mwi_admin.cpp: the admin routes: GET /api/v1/mwi (every state and subscription),
// GET|PUT|DELETE /api/v1/mwi/{mailbox}.
#include <optional>
#include <string>
#include <string_view>

#include "admin_documents.hpp"
#include "json_text.hpp"
#include "mwi_module.hpp"

namespace lineside::mwi {
namespace {

void reply(const Host &host, ls_admin_reply_t *out, uint32_t status, const std::string &body) {
  host.raw()->admin_reply(out, status, nullptr, body.data(), body.size());
}

/// What follows the prefix: nothing (the collection), "/<mailbox>", or something unknown.
struct Target {
  bool found = false;  ///< the path is one of ours
  bool collection = false;
  std::string mailbox;  ///< decoded segment
  bool mailbox_valid = false;
};

Target parse_target(const char *path) {
  Target t;
  std::string_view rest = path ? std::string_view(path) : std::string_view();
  const std::string_view prefix = kAdminPrefix;
  if (rest.substr(0, prefix.size()) != prefix) return t;
  rest.remove_prefix(prefix.size());
  if (rest.empty() || rest == "/") {
    t.found = t.collection = true;
    return t;
  }
  if (rest.front() != '/' || rest.find('/', 1) != std::string_view::npos) return t;
  t.found = true;
  if (auto decoded = percent_decode(rest.substr(1))) {
    t.mailbox = std::move(*decoded);
    t.mailbox_valid = valid_mailbox_name(t.mailbox);
  }
  return t;
}

std::string bad_mailbox_json() {
  return refusal_json(
      "invalid mailbox",
      {{"mailbox", "format", "expected 1-20 digits, '*' or '#' (percent-encode '#')"}});
}

}  // namespace

void MwiModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const Target t = parse_target(req->path);
  if (!t.found) return reply(host(), out, 404, refusal_json("no such resource"));
  const int64_t now = host().now_unix();
  const std::string domain = host().sip_domain();
  if (t.collection) {
    std::string body = "{\"mailboxes\":[";
    bool first = true;
    for (const auto &[mailbox, record] : mailboxes_) {
      if (!first) body.push_back(',');
      first = false;
      body += mailbox_json(mailbox, record, domain);
    }
    body += "],\"subscriptions\":[";
    first = true;
    subs_.for_each([&](const Subscription &s) {
      if (!first) body.push_back(',');
      first = false;
      body += subscription_json(s, now);
      return true;
    });
    body += "],\"mailbox_count\":" + std::to_string(mailboxes_.size()) +
            ",\"subscription_count\":" + std::to_string(subs_.size()) + "}";
    return reply(host(), out, 200, body);
  }
  if (!t.mailbox_valid) return reply(host(), out, 400, bad_mailbox_json());
  auto it = mailboxes_.find(t.mailbox);
  const std::vector<std::string> ids = subs_.of_mailbox(t.mailbox);
  if (it == mailboxes_.end() && ids.empty())
    return reply(host(), out, 404,
                 refusal_json("no MWI state or subscription for mailbox " + t.mailbox));
  const MailboxRecord record = it == mailboxes_.end() ? MailboxRecord{} : it->second;
  std::string body = mailbox_json(t.mailbox, record, domain);
  body.pop_back();  // reopen the object to add its subscriptions
  body += ",\"subscriptions\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) body.push_back(',');
    if (const Subscription *s = subs_.find(ids[i])) body += subscription_json(*s, now);
  }
  body += "]}";
  reply(host(), out, 200, body);
}

void MwiModule::admin_put(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const Target t = parse_target(req->path);
  if (!t.found) return reply(host(), out, 404, refusal_json("no such resource"));
  if (t.collection)
    return reply(host(), out, 405, refusal_json("PUT a mailbox: PUT /api/v1/mwi/{mailbox}"));
  if (!t.mailbox_valid) return reply(host(), out, 400, bad_mailbox_json());
  const CountsInput in =
      read_counts_body(std::string_view(req->body ? req->body : "", req->body ? req->body_len : 0));
  if (in.status != 0) {
    const char *what = in.status == 400 ? "invalid MWI state" : "MWI state breaks a rule";
    return reply(host(), out, in.status, refusal_json(what, in.errors));
  }
  if (!mailboxes_.count(t.mailbox) && mailboxes_.size() >= settings_.max_mailboxes)
    return reply(host(), out, 409,
                 refusal_json("mailbox limit reached",
                              {{"mailbox", "limit",
                                "at most " + std::to_string(settings_.max_mailboxes) +
                                    " mailboxes (modules.mwi.config.max_mailboxes)"}}));
  const size_t notified = set_mailbox_state(t.mailbox, in.counts);
  host().info("mailbox " + t.mailbox + " set to " + std::to_string(in.counts.new_messages) + "/" +
              std::to_string(in.counts.old_messages) + "; " + std::to_string(notified) +
              " subscription(s) notified");
  std::string body = mailbox_json(t.mailbox, mailboxes_.at(t.mailbox), host().sip_domain());
  body.pop_back();
  body += ",\"notified_subscriptions\":" + std::to_string(notified) + "}";
  reply(host(), out, 200, body);
}

void MwiModule::admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const Target t = parse_target(req->path);
  if (!t.found) return reply(host(), out, 404, refusal_json("no such resource"));
  if (t.collection)
    return reply(host(), out, 405, refusal_json("DELETE a mailbox: DELETE /api/v1/mwi/{mailbox}"));
  if (!t.mailbox_valid) return reply(host(), out, 400, bad_mailbox_json());
  if (!clear_mailbox_state(t.mailbox))
    return reply(host(), out, 404, refusal_json("no MWI state for mailbox " + t.mailbox));
  host().info("mailbox " + t.mailbox + " state cleared");
  reply(host(), out, 200, "{\"mailbox\":" + json_string(t.mailbox) + ",\"deleted\":true}");
}

}  // namespace lineside::mwi
