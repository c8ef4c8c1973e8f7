// linesidectl/profile_commands.cpp: `linesidectl profile list|show|set|reset` (SIP Device Capabilities).
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/field_values.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

std::string profile_path(const CommandContext &ctx, const std::string &usage) {
  const std::string n = required_word(ctx, 2, usage);
  if (n.find_first_not_of("0123456789") != std::string::npos || n.size() > 6) {
    throw UsageError("profile number expected (1-64 user, 101 and up built-in), got '" + n + "'");
  }
  return "/api/v1/profiles/" + n;
}

void print_profile(const CommandContext &ctx, const ApiResponse &resp, const std::string &headline) {
  if (printed_json(ctx, resp)) return;
  const Poco::JSON::Object::Ptr p = require_object(resp.body, "profile");
  if (!headline.empty()) ctx.out << headline << "\n";
  ctx.out << render_fields(object_fields(*p));
}

int list(const CommandContext &ctx) {
  no_more_words(ctx, 2, "profile list");
  const ApiResponse resp = call_api(ctx, "GET", "/api/v1/profiles");
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "profile list");
  Table t({"ID", "KIND", "COMMENT", "PRACK", "AVP ONLY", "PAI", "SESSION TIMER", "PARK", "OUTBOUND PROXY"});
  const Poco::JSON::Array::Ptr profiles = array_field(*body, "profiles");
  for (size_t i = 0; i < profiles->size(); ++i) {
    const Poco::JSON::Object::Ptr p = profiles->getObject(static_cast<unsigned>(i));
    if (!p) continue;
    const bool builtin = p->optValue<bool>("builtin", false);
    t.add({field_text(*p, "id"), builtin ? "built-in" : "user", field_text(*p, "comment"),
           field_text(*p, "enable_prack"), field_text(*p, "avp_only"), field_text(*p, "use_pai"),
           field_text(*p, "session_timer"), field_text(*p, "call_park_method"), field_text(*p, "outbound_proxy")});
  }
  ctx.out << t.render();
  return kExitOk;
}

int show(const CommandContext &ctx) {
  const std::string path = profile_path(ctx, "profile show N");
  no_more_words(ctx, 3, "profile show N");
  print_profile(ctx, call_api(ctx, "GET", path), "");
  return kExitOk;
}

int set(const CommandContext &ctx) {
  const std::string usage = "profile set N name=value...";
  const std::string path = profile_path(ctx, usage);
  const Poco::JSON::Object::Ptr fields = fields_object(words_from(ctx, 3, true, usage), profile_fields(), "profile");
  print_profile(ctx, call_api(ctx, "PATCH", path, json_text(*fields)), "changed profile " + ctx.args.word(2));
  return kExitOk;
}

int reset(const CommandContext &ctx) {
  const std::string path = profile_path(ctx, "profile reset N");
  no_more_words(ctx, 3, "profile reset N");
  print_profile(ctx, call_api(ctx, "DELETE", path), "reset profile " + ctx.args.word(2) + " to the defaults");
  return kExitOk;
}

}  // namespace

int run_profile(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub == "list" || sub == "ls") return list(ctx);
  if (sub == "show") return show(ctx);
  if (sub == "set") return set(ctx);
  if (sub == "reset") return reset(ctx);
  throw UsageError(sub.empty() ? "profile: say list, show, set or reset"
                               : "profile: unknown subcommand '" + sub + "' (list, show, set, reset)");
}

}  // namespace lineside::ctl
