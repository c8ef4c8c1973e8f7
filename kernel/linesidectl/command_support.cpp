// linesidectl/command_support.cpp: request-or-refuse, --json passthrough and positional checks.
#include "linesidectl/command_support.hpp"

#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/refusal_text.hpp"

namespace lineside::ctl {

ApiResponse call_api(const CommandContext &ctx, const std::string &method, const std::string &path,
                     const std::string &body) {
  ApiResponse resp = ctx.api.request(method, path, body);
  if (!resp.ok()) refuse(ctx, resp);
  return resp;
}

void refuse(const CommandContext &ctx, const ApiResponse &resp) {
  std::string text = refusal_text(resp.status, resp.reason, resp.body);
  if (resp.status == 401 && !ctx.api.settings().credential_note.empty()) {
    text += "\n" + ctx.api.settings().credential_note;
  }
  throw RefusedError(text);
}

bool printed_json(const CommandContext &ctx, const ApiResponse &resp) {
  if (!ctx.args.global.json) return false;
  ctx.out << resp.body;
  if (resp.body.empty() || resp.body.back() != '\n') ctx.out << "\n";
  return true;
}

std::string required_word(const CommandContext &ctx, size_t index, const std::string &usage) {
  const std::string w = ctx.args.word(index);
  if (w.empty()) throw UsageError("usage: linesidectl " + usage);
  return w;
}

std::vector<std::string> words_from(const CommandContext &ctx, size_t first, bool at_least_one,
                                    const std::string &usage) {
  std::vector<std::string> out;
  for (size_t i = first; i < ctx.args.words.size(); ++i) out.push_back(ctx.args.words[i]);
  if (out.empty() && at_least_one) throw UsageError("usage: linesidectl " + usage);
  return out;
}

void no_more_words(const CommandContext &ctx, size_t count, const std::string &usage) {
  if (ctx.args.words.size() > count) {
    throw UsageError("unexpected argument '" + ctx.args.words[count] + "'; usage: linesidectl " + usage);
  }
}

}  // namespace lineside::ctl
