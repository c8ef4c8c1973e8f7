// daemon/main.cpp: the lineside executable's entry point.
#include <iostream>
#include <stdexcept>

#include "daemon/command_line.hpp"
#include "daemon/daemon.hpp"
#include "daemon/offline_commands.hpp"
#include "daemon/signal_watcher.hpp"

int main(int argc, char **argv) {
  using namespace lineside::kernel;
  CommandLine cl;
  try {
    cl = parse_command_line(argc, argv);
  } catch (const std::invalid_argument &e) {
    std::cerr << "lineside: " << e.what();
    return 64;
  }
  switch (cl.mode) {
    case CommandLine::Mode::help: std::cout << usage_text(); return 0;
    case CommandLine::Mode::version: return version_command();
    case CommandLine::Mode::check_config: return check_config_command(cl);
    case CommandLine::Mode::describe_module: return describe_module_command(cl);
    case CommandLine::Mode::run: break;
  }
  block_daemon_signals();  // before any thread exists, so all inherit the mask
  Daemon daemon(cl);
  return daemon.run();
}
