// linesidectl/command_support.hpp: what every command gets (arguments, API client, output) and the
// shared request/print helpers.
#pragma once

#include <Poco/JSON/Object.h>

#include <ostream>
#include <string>
#include <vector>

#include "linesidectl/api_client.hpp"
#include "linesidectl/cli_args.hpp"

namespace lineside::ctl {

struct CommandContext {
  const CliArgs &args;
  const ApiClient &api;
  std::ostream &out;
};

/// Send the request; a non-2xx answer throws RefusedError with refusal_text() (plus, on 401, why
/// no credentials were sent).
ApiResponse call_api(const CommandContext &ctx, const std::string &method, const std::string &path,
                     const std::string &body = "");

/// Throw RefusedError describing the non-2xx answer `resp`.
[[noreturn]] void refuse(const CommandContext &ctx, const ApiResponse &resp);

/// With --json print the raw answer and return true; otherwise return false.
bool printed_json(const CommandContext &ctx, const ApiResponse &resp);

/// words[index], or UsageError("<usage>") when it is missing.
std::string required_word(const CommandContext &ctx, size_t index, const std::string &usage);

/// words from `first` on; UsageError("<usage>") when there are none and `at_least_one`.
std::vector<std::string> words_from(const CommandContext &ctx, size_t first, bool at_least_one, const std::string &usage);

/// UsageError unless the command line has no more than `count` words.
void no_more_words(const CommandContext &ctx, size_t count, const std::string &usage);

}  // namespace lineside::ctl
