// linesidectl/call_commands.cpp: `call originate FROM TO [--auto-answer yes|no]` (third-party call
// control through POST /api/v1/calls) and `call hangup ID` (DELETE /api/v1/calls/ID).
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/json_values.hpp"

namespace lineside::ctl {

namespace {

constexpr const char *kOriginateUsage = "call originate FROM_DN TO_DN [--auto-answer yes|no]";
constexpr const char *kHangupUsage = "call hangup CALL_ID";

/// A DN goes into JSON as it is: only the characters a DN may have are accepted here.
std::string dn_word(const CommandContext &ctx, size_t index) {
  const std::string dn = required_word(ctx, index, kOriginateUsage);
  for (char c : dn) {
    if (!(c >= '0' && c <= '9') && c != '*' && c != '#' && c != '+')
      throw UsageError("'" + dn + "' is not a DN (digits, * # +); usage: linesidectl " + kOriginateUsage);
  }
  return dn;
}

int originate(const CommandContext &ctx) {
  const std::string from = dn_word(ctx, 2);
  const std::string to = dn_word(ctx, 3);
  no_more_words(ctx, 4, kOriginateUsage);
  std::string auto_answer = "false";
  if (const auto it = ctx.args.options.find("auto-answer"); it != ctx.args.options.end()) {
    if (it->second != "yes" && it->second != "no")
      throw UsageError("--auto-answer expects yes or no, got '" + it->second + "'");
    auto_answer = it->second == "yes" ? "true" : "false";
  }
  const ApiResponse resp = call_api(ctx, "POST", "/api/v1/calls",
                                    "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"auto_answer\":" + auto_answer + "}");
  if (printed_json(ctx, resp)) return kExitOk;
  const Poco::JSON::Object::Ptr body = require_object(resp.body, "originated call");
  ctx.out << "call " << field_text(*body, "id") << ": ringing " << from << ", then connecting it to " << to << "\n";
  return kExitOk;
}

int hangup(const CommandContext &ctx) {
  const std::string id = required_word(ctx, 2, kHangupUsage);
  no_more_words(ctx, 3, kHangupUsage);
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("the call id is a number; usage: linesidectl " + std::string(kHangupUsage));
  const ApiResponse resp = ctx.api.request("DELETE", "/api/v1/calls/" + id);
  if (resp.status == 404) throw NotFoundError("no active call " + id);
  if (!resp.ok()) refuse(ctx, resp);
  ctx.out << "call " << id << " ended\n";
  return kExitOk;
}

}  // namespace

int run_call(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub == "originate") return originate(ctx);
  if (sub == "hangup") return hangup(ctx);
  throw UsageError(std::string("usage: linesidectl ") + kOriginateUsage + "\n       linesidectl " + kHangupUsage);
}

}  // namespace lineside::ctl
