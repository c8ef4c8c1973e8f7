// linesidectl/hash_password_command.cpp: `linesidectl hash-password NAME [PASSWORD]`: a
// kernel.admin.users entry, hashed by the daemon's own pbkdf2_hash().
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "admin/admin_auth.hpp"
#include "linesidectl/commands.hpp"
#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

namespace {

/// One line from `in`; on a terminal prompt for it twice without echo.
std::string read_password(std::istream &in, bool terminal) {
  if (!terminal) {
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  termios saved{};
  tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string first, second;
  std::cerr << "password: " << std::flush;
  std::getline(in, first);
  std::cerr << "\nagain: " << std::flush;
  std::getline(in, second);
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (first != second) throw UsageError("the passwords differ");
  return first;
}

}  // namespace

int run_hash_password(const CliArgs &args, std::istream &in, std::ostream &out) {
  const std::string usage = "usage: linesidectl hash-password NAME [PASSWORD] [--iterations N]";
  const std::string name = args.word(1);
  if (name.empty() || args.words.size() > 3) throw UsageError(usage);
  if (name.find(':') != std::string::npos) throw UsageError("hash-password: the name must not contain ':'");
  unsigned iterations = 100000;
  if (const auto it = args.options.find("iterations"); it != args.options.end()) {
    const std::string &n = it->second;
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos || std::stoul(n) < 10000) {
      throw UsageError("--iterations: a whole number, at least 10000");
    }
    iterations = static_cast<unsigned>(std::stoul(n));
  }
  std::string password = args.word(2);
  if (args.words.size() < 3) password = read_password(in, &in == &std::cin && isatty(STDIN_FILENO));
  if (password.empty()) throw UsageError("hash-password: the password must not be empty");
  out << name << ":" << lineside::kernel::pbkdf2_hash(password, iterations) << "\n";
  return kExitOk;
}

}  // namespace lineside::ctl
