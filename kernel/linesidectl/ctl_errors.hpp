// linesidectl/ctl_errors.hpp: the failures linesidectl reports, each with its exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace lineside::ctl {

/// Exit codes: 0 ok, 1 the API refused (or the command failed), 2 usage error, 3 cannot connect
/// (or, for commands that look one thing up, such as `mwi get`, that thing does not exist).
enum ExitCode : int { kExitOk = 0, kExitRefused = 1, kExitUsage = 2, kExitUnreachable = 3, kExitNotFound = 3 };

/// Wrong command line: unknown command or option, missing argument, bad field value.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The server could not be reached (refused, DNS, timeout, TLS handshake).
struct ConnectError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What was looked up does not exist (the server answered 404 for it); what() is printable.
struct NotFoundError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The server answered with a refusal, or a local input (file) was unusable; what() is printable.
struct RefusedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace lineside::ctl
