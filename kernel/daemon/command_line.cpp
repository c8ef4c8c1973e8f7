// daemon/command_line.cpp: the command-line grammar.
#include "daemon/command_line.hpp"

#include <stdexcept>

namespace lineside::kernel {

std::string usage_text() {
  return "usage: lineside [--config FILE] [--state-dir DIR] [--module-dir DIR]...\n"
         "       lineside --check-config FILE [--state-dir DIR] [--module-dir DIR]...\n"
         "       lineside --describe-module NAME [--module-dir DIR]...\n"
         "       lineside --version\n"
         "Runs the Lineside call server in the foreground (SIGTERM stops, SIGHUP reloads).\n";
}

CommandLine parse_command_line(int argc, char **argv) {
  CommandLine cl;
  auto value = [&](int &i, const std::string &flag) -> std::string {
    if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value\n" + usage_text());
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" || arg == "-c") {
      cl.config_path = value(i, arg);
    } else if (arg == "--check-config") {
      cl.mode = CommandLine::Mode::check_config;
      cl.config_path = value(i, arg);
    } else if (arg == "--describe-module") {
      cl.mode = CommandLine::Mode::describe_module;
      cl.module_name = value(i, arg);
    } else if (arg == "--state-dir") {
      cl.state_dir = value(i, arg);
    } else if (arg == "--module-dir") {
      cl.module_dirs.push_back(value(i, arg));
    } else if (arg == "--version" || arg == "-V") {
      cl.mode = CommandLine::Mode::version;
    } else if (arg == "--help" || arg == "-h") {
      cl.mode = CommandLine::Mode::help;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'\n" + usage_text());
    }
  }
  return cl;
}

}  // namespace lineside::kernel
