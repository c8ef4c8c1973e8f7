// linesidectl/ctl_main.hpp: the whole program as a function of argv, environment and streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "linesidectl/connection.hpp"

namespace lineside::ctl {

/// Parse, dispatch, report errors on `err`; returns the exit code (see ExitCode).
int ctl_main(const std::vector<std::string> &argv, const EnvLookup &env, std::istream &in, std::ostream &out,
             std::ostream &err);

}  // namespace lineside::ctl
