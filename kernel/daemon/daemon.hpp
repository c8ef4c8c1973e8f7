// daemon/daemon.hpp: the running server: builds every kernel service in order, loads modules,
// serves until SIGTERM, reloads on SIGHUP, and tears everything down in reverse.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/load_config.hpp"
#include "daemon/command_line.hpp"

namespace lineside::kernel {

/// Module search path: --module-dir, kernel.module_dirs, ../modules next to the executable (a
/// build tree), then the installed module folder.
std::vector<std::string> module_search_dirs(const CommandLine &cl, const KernelSettings *kernel);

class Daemon {
 public:
  explicit Daemon(CommandLine cl);
  ~Daemon();
  Daemon(const Daemon &) = delete;
  Daemon &operator=(const Daemon &) = delete;
  /// Run until stopped; returns the process exit code.
  int run();

 private:
  struct Services;
  bool start();
  void maintenance();
  void reload();
  void shutdown();

  CommandLine cl_;
  LoadedConfig config_;
  std::unique_ptr<Services> s_;
};

}  // namespace lineside::kernel
