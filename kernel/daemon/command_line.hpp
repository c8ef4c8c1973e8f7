// daemon/command_line.hpp: parsing the lineside command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lineside::kernel {

struct CommandLine {
  enum class Mode { run, check_config, describe_module, version, help };
  Mode mode = Mode::run;
  std::string config_path = "/etc/lineside/lineside.yaml";
  std::optional<std::string> state_dir;
  std::vector<std::string> module_dirs;
  std::string module_name;  ///< --describe-module NAME
};

/// Parse argv; throws std::invalid_argument with a usage hint on bad input.
CommandLine parse_command_line(int argc, char **argv);
/// The --help text.
std::string usage_text();

}  // namespace lineside::kernel
