// linesidectl/options_commands.cpp: `linesidectl options show|set` (system options).
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/field_values.hpp"
#include "linesidectl/json_values.hpp"
#include "linesidectl/table.hpp"

namespace lineside::ctl {

namespace {

void print_options(const CommandContext &ctx, const ApiResponse &resp, const std::string &headline) {
  if (printed_json(ctx, resp)) return;
  const Poco::JSON::Object::Ptr o = require_object(resp.body, "options");
  if (!headline.empty()) ctx.out << headline << "\n";
  ctx.out << render_fields(object_fields(*o));
}

}  // namespace

int run_options(const CommandContext &ctx) {
  const std::string sub = ctx.args.word(1);
  if (sub.empty() || sub == "show") {
    no_more_words(ctx, 2, "options show");
    print_options(ctx, call_api(ctx, "GET", "/api/v1/options"), "");
    return kExitOk;
  }
  if (sub == "set") {
    const Poco::JSON::Object::Ptr fields =
        fields_object(words_from(ctx, 2, true, "options set name=value..."), option_fields(), "option");
    print_options(ctx, call_api(ctx, "PATCH", "/api/v1/options", json_text(*fields)), "changed options");
    return kExitOk;
  }
  throw UsageError("options: unknown subcommand '" + sub + "' (show, set)");
}

}  // namespace lineside::ctl
