// linesidectl/cli_args.cpp: argv -> CliArgs (global options anywhere, command options after the command).
#include "linesidectl/cli_args.hpp"

#include <algorithm>

#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

namespace {

const std::vector<std::string> kGlobalWithValue = {"url", "token", "token-file", "user", "cacert"};
const std::vector<std::string> kGlobalFlags = {"json", "help"};

bool contains(const std::vector<std::string> &list, const std::string &name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

void set_global(GlobalOptions &g, const std::string &name, const std::string &value) {
  if (name == "url") g.url = value;
  if (name == "token") g.token = value;
  if (name == "token-file") g.token_file = value;
  if (name == "user") g.basic_user = value;
  if (name == "cacert") g.cacert = value;
}

}  // namespace

const std::vector<std::string> &command_options(const std::string &command) {
  static const std::map<std::string, std::vector<std::string>> kByCommand = {
      {"registrations", {"user"}},
      {"call", {"auto-answer"}},
      {"hash-password", {"iterations"}},
      {"mwi", {"new", "old", "urgent-new", "urgent-old"}},
  };
  static const std::vector<std::string> kNone;
  const auto it = kByCommand.find(command);
  return it == kByCommand.end() ? kNone : it->second;
}

CliArgs parse_cli(const std::vector<std::string> &argv) {
  CliArgs out;
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string &arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      out.words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "-h") {
      out.global.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) throw UsageError("unknown option " + arg);
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const bool local = !out.words.empty() && contains(command_options(out.words.front()), name);
    if (!local && contains(kGlobalFlags, name)) {
      if (inline_value) throw UsageError("--" + name + " takes no value");
      (name == "json" ? out.global.json : out.global.help) = true;
      continue;
    }
    if (!local && !contains(kGlobalWithValue, name)) throw UsageError("unknown option --" + name);
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argv.size()) {
      value = argv[++i];
    } else {
      throw UsageError("--" + name + " needs a value");
    }
    if (local) {
      out.options[name] = value;
    } else {
      set_global(out.global, name, value);
    }
  }
  return out;
}

}  // namespace lineside::ctl
