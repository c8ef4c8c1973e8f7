// linesidectl/status_commands.cpp: read-only views: `licence show`, `registrations`, `calls`.
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

void licence_row(Table &t, const Poco::JSON::Object &body, const std::string &key, const std::string &label) {
  const Poco::JSON::Object::Ptr l = body.getObject(key);
  if (!l) return;
  t.add({label, field_text(*l, "available"), field_text(*l, "in_use"), field_text(*l, "free")});
}

std::string seconds(const std::string &n) { return n.empty() ? n : n + "s"; }

std::string count_line(size_t n, const std::string &one, const std::string &many) {
  return std::to_string(n) + " " + (n == 1 ? one : many) + "\n";
}

}  // namespace

int run_licence(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (!sub.empty() && sub != "show") throw UsageError("licence: unknown subcommand '" + sub + "' (show)");
  no_more_words(ctx, 2, "licence show");
  const ApiResponse resp = call_api(ctx, "GET", "/api/v1/licences");
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "licences");
  Table t({"LICENCE", "AVAILABLE", "IN USE", "FREE"});
  licence_row(t, *body, "ip_users", "IP User");
  licence_row(t, *body, "single_line_users", "Single Line User");
  ctx.out << t.render();
  return kExitOk;
}

int run_registrations(const CommandContext &ctx) {
  no_more_words(ctx, 1, "registrations [--user U]");
  std::string path = "/api/v1/registrations";
  if (const auto it = ctx.args.options.find("user"); it != ctx.args.options.end()) {
    path += "?user=" + path_segment(it->second);
  }
  const ApiResponse resp = call_api(ctx, "GET", path);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "registrations");
  Table t({"USER", "DEVICE", "CONTACT", "TRANSPORT", "SOURCE", "EXPIRES IN", "USER AGENT"});
  const Poco::JSON::Array::Ptr regs = array_field(*body, "registrations");
  for (size_t i = 0; i < regs->size(); ++i) {
    const Poco::JSON::Object::Ptr r = regs->getObject(static_cast<unsigned>(i));
    if (!r) continue;
    t.add({field_text(*r, "user"), field_text(*r, "device_id"), field_text(*r, "contact"),
           field_text(*r, "transport"), field_text(*r, "source"), seconds(field_text(*r, "expires_in")),
           field_text(*r, "user_agent")});
  }
  ctx.out << t.render() << count_line(t.rows(), "registration", "registrations");
  return kExitOk;
}

int run_calls(const CommandContext &ctx) {
  no_more_words(ctx, 1, "calls");
  const ApiResponse resp = ctx.api.request("GET", "/api/v1/calls");
  if (resp.status == 404) {
    throw RefusedError("calls: not available on this server (GET /api/v1/calls answered 404)");
  }
  if (!resp.ok()) refuse(ctx, resp);
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "calls");
  Table t({"ID", "STATE", "CALLER", "DIALLED", "RINGING", "CONNECTED"});
  const Poco::JSON::Array::Ptr calls = array_field(*body, "calls");
  for (size_t i = 0; i < calls->size(); ++i) {
    const Poco::JSON::Object::Ptr c = calls->getObject(static_cast<unsigned>(i));
    if (!c) continue;
    t.add({field_text(*c, "id"), field_text(*c, "state"), field_text(*c, "caller_dn"), field_text(*c, "dialled"),
           field_text(*c, "ringing_dn"), field_text(*c, "connected_dn")});
  }
  ctx.out << t.render() << count_line(t.rows(), "call", "calls");
  return kExitOk;
}

}  // namespace lineside::ctl
