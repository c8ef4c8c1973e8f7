// linesidectl/ctl_main.cpp: command dispatch and the mapping of failures to messages and exit codes.
#include "linesidectl/ctl_main.hpp"

#include <functional>
#include <iostream>
#include <map>

#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"
#include "linesidectl/help_text.hpp"

namespace lineside::ctl {

namespace {

using Handler = std::function<int(const CommandContext &)>;

const std::map<std::string, Handler> &handlers() {
  static const std::map<std::string, Handler> k = {
      {"device", run_device},   {"profile", run_profile},   {"licence", run_licence},
      {"license", run_licence}, {"registrations", run_registrations}, {"calls", run_calls}, {"call", run_call},
      {"options", run_options}, {"import", run_import},     {"export", run_export},
      {"mwi", run_mwi},         {"cesid", run_cesid},
  };
  return k;
}

int dispatch(const CliArgs &args, const EnvLookup &env, std::istream &in, std::ostream &out) {
  const std::string command = args.word(0);
  if (command.empty() || command == "help") {
    const std::string topic = args.word(1);
    if (!topic.empty() && !command_help(topic).empty()) {
      out << command_help(topic);
    } else {
      out << general_help();
    }
    if (command.empty() && !args.global.help) throw UsageError("no command given");
    return kExitOk;
  }
  if (args.global.help) {
    const std::string text = command_help(command);
    if (text.empty()) throw UsageError("unknown command '" + command + "'");
    out << text;
    return kExitOk;
  }
  if (command == "hash-password") return run_hash_password(args, in, out);
  const auto it = handlers().find(command);
  if (it == handlers().end()) throw UsageError("unknown command '" + command + "' (linesidectl --help lists them)");
  const ApiClient api(connection_settings(args.global, env));
  return it->second(CommandContext{args, api, out});
}

}  // namespace

int ctl_main(const std::vector<std::string> &argv, const EnvLookup &env, std::istream &in, std::ostream &out,
             std::ostream &err) {
  try {
    return dispatch(parse_cli(argv), env, in, out);
  } catch (const UsageError &e) {
    err << "linesidectl: " << e.what() << "\n";
    return kExitUsage;
  } catch (const ConnectError &e) {
    err << "linesidectl: " << e.what() << "\n";
    return kExitUnreachable;
  } catch (const NotFoundError &e) {
    err << "linesidectl: " << e.what() << "\n";
    return kExitNotFound;
  } catch (const RefusedError &e) {
    err << "linesidectl: " << e.what() << "\n";
    return kExitRefused;
  } catch (const std::exception &e) {
    err << "linesidectl: " << e.what() << "\n";
    return kExitRefused;
  }
}

}  // namespace lineside::ctl
