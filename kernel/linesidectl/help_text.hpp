// linesidectl/help_text.hpp: `linesidectl --help` and `linesidectl COMMAND --help`.
#pragma once

#include <string>

namespace lineside::ctl {

/// The overview: commands, connection options, exit codes.
std::string general_help();

/// Help of one command ("" when the command is unknown).
std::string command_help(const std::string &command);

}  // namespace lineside::ctl
