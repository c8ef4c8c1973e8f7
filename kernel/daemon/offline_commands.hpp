// daemon/offline_commands.hpp: the commands that inspect without serving: --check-config,
// --describe-module, --version.
#pragma once

#include "daemon/command_line.hpp"

namespace lineside::kernel {

/// Validate the config, the directory file, and every enabled module (load + schema, no init).
/// Prints `FILE: OK` (exit 0) or every error (exit 2).
int check_config_command(const CommandLine &cl);
/// Print a module's schema, hooks, observers and providers (exit 0), or why it cannot load (1).
int describe_module_command(const CommandLine &cl);
/// `lineside X.Y.Z (plugin ABI M.m)`.
int version_command();

}  // namespace lineside::kernel
