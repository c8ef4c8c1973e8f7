// linesidectl/mwi_commands.cpp: `mwi set|get|list|clear`: message waiting states through the mwi
// module's admin routes (/api/v1/mwi).
#include <charconv>

#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

constexpr const char *kPrefix = "/api/v1/mwi";
constexpr const char *kSetUsage = "mwi set DN --new N --old M [--urgent-new N] [--urgent-old M]";

/// --NAME as a whole number (the server checks the range), or UsageError.
std::string count_option(const CommandContext &ctx, const std::string &name, bool required) {
  const auto it = ctx.args.options.find(name);
  if (it == ctx.args.options.end()) {
    if (required) throw UsageError("--" + name + " is required; usage: linesidectl " + kSetUsage);
    return "";
  }
  const std::string &text = it->second;
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw UsageError("--" + name + " expects a whole number, got '" + text + "'");
  return std::to_string(value);
}

/// The answer of a request to the mwi routes. The server's own 404 ("no such resource": no route
/// at all) means the mwi module is not loaded; the module's 404 names the mailbox.
ApiResponse mwi_request(const CommandContext &ctx, const std::string &method, const std::string &path,
                        const std::string &body = "") {
  ApiResponse resp = ctx.api.request(method, path, body);
  if (resp.status == 404 && resp.body.find("no such resource") != std::string::npos)
    throw RefusedError("mwi: not available on this server (is the mwi module enabled?)");
  return resp;
}

void print_state(const CommandContext &ctx, const Poco::JSON::Object &s) {
  ctx.out << render_fields({{"mailbox", field_text(s, "mailbox")},
                            {"messages waiting", field_text(s, "messages_waiting")},
                            {"new", field_text(s, "new")},
                            {"old", field_text(s, "old")},
                            {"urgent new", field_text(s, "urgent_new")},
                            {"urgent old", field_text(s, "urgent_old")},
                            {"account", field_text(s, "message_account")}});
}

void print_subscriptions(const CommandContext &ctx, const Poco::JSON::Array::Ptr &subs) {
  Table t({"DEVICE", "MAILBOX", "CONTACT", "TRANSPORT", "EXPIRES IN", "STATE"});
  for (size_t i = 0; i < subs->size(); ++i) {
    const Poco::JSON::Object::Ptr s = subs->getObject(static_cast<unsigned>(i));
    if (!s) continue;
    const std::string expires = field_text(*s, "expires_in");
    t.add({field_text(*s, "device_id"), field_text(*s, "mailbox"), field_text(*s, "contact"),
           field_text(*s, "transport"), expires.empty() ? expires : expires + "s", field_text(*s, "state")});
  }
  ctx.out << t.render() << t.rows() << (t.rows() == 1 ? " subscription\n" : " subscriptions\n");
}

int mwi_set(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, kSetUsage);
  no_more_words(ctx, 3, kSetUsage);
  std::string body = "{\"new\":" + count_option(ctx, "new", true) + ",\"old\":" + count_option(ctx, "old", true);
  if (std::string n = count_option(ctx, "urgent-new", false); !n.empty()) body += ",\"urgent_new\":" + n;
  if (std::string n = count_option(ctx, "urgent-old", false); !n.empty()) body += ",\"urgent_old\":" + n;
  body += "}";
  const ApiResponse resp = mwi_request(ctx, "PUT", std::string(kPrefix) + "/" + path_segment(dn), body);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr state = require_object(resp.body, "mwi state");
  print_state(ctx, *state);
  ctx.out << "notified " << field_text(*state, "notified_subscriptions") << " subscription(s)\n";
  return kExitOk;
}

int mwi_get(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, "mwi get DN");
  no_more_words(ctx, 3, "mwi get DN");
  const ApiResponse resp = mwi_request(ctx, "GET", std::string(kPrefix) + "/" + path_segment(dn));
  if (resp.status == 404) throw NotFoundError("mwi: no state or subscription for mailbox " + dn);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr state = require_object(resp.body, "mwi state");
  print_state(ctx, *state);
  ctx.out << "\n";
  print_subscriptions(ctx, array_field(*state, "subscriptions"));
  return kExitOk;
}

int mwi_clear(const CommandContext &ctx) {
  const std::string dn = required_word(ctx, 2, "mwi clear DN");
  no_more_words(ctx, 3, "mwi clear DN");
  const ApiResponse resp = mwi_request(ctx, "DELETE", std::string(kPrefix) + "/" + path_segment(dn));
  if (resp.status == 404) throw NotFoundError("mwi: no state for mailbox " + dn);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  ctx.out << "cleared mailbox " << dn << "\n";
  return kExitOk;
}

int mwi_list(const CommandContext &ctx) {
  no_more_words(ctx, 2, "mwi list");
  const ApiResponse resp = mwi_request(ctx, "GET", kPrefix);
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "mwi states");
  Table t({"MAILBOX", "WAITING", "NEW", "OLD", "URGENT NEW", "URGENT OLD"});
  const Poco::JSON::Array::Ptr boxes = array_field(*body, "mailboxes");
  for (size_t i = 0; i < boxes->size(); ++i) {
    const Poco::JSON::Object::Ptr m = boxes->getObject(static_cast<unsigned>(i));
    if (!m) continue;
    t.add({field_text(*m, "mailbox"), field_text(*m, "messages_waiting"), field_text(*m, "new"),
           field_text(*m, "old"), field_text(*m, "urgent_new"), field_text(*m, "urgent_old")});
  }
  ctx.out << t.render() << t.rows() << (t.rows() == 1 ? " mailbox\n\n" : " mailboxes\n\n");
  print_subscriptions(ctx, array_field(*body, "subscriptions"));
  return kExitOk;
}

}  // namespace

int run_mwi(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub == "set") return mwi_set(ctx);
  if (sub == "get" || sub == "show") return mwi_get(ctx);
  if (sub == "list") return mwi_list(ctx);
  if (sub == "clear") return mwi_clear(ctx);
  throw UsageError(sub.empty() ? "usage: linesidectl mwi set|get|list|clear"
                               : "mwi: unknown subcommand '" + sub + "' (set, get, list, clear)");
}

}  // namespace lineside::ctl
