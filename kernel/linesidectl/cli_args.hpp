// linesidectl/cli_args.hpp: the command line split into connection options, words and command options.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lineside::ctl {

constexpr const char *kDefaultUrl = "http://127.0.0.1:8089";
constexpr const char *kDefaultTokenFile = "/var/lib/lineside/admin.token";

/// Options valid anywhere on the line (before the command, or after it unless the command has an
/// option of the same name, as `registrations --user U` has).
struct GlobalOptions {
  std::string url = kDefaultUrl;
  std::optional<std::string> token;
  std::optional<std::string> token_file;
  std::optional<std::string> basic_user;  ///< "name:password"
  std::optional<std::string> cacert;
  bool json = false;
  bool help = false;
};

struct CliArgs {
  GlobalOptions global;
  std::vector<std::string> words;              ///< command, subcommand, positional arguments
  std::map<std::string, std::string> options;  ///< the command's own --name value options

  /// words[i], or "" past the end.
  [[nodiscard]] std::string word(size_t i) const { return i < words.size() ? words[i] : std::string(); }
};

/// Parse argv (without the program name). "--name=value" and "--name value" both work, "-h" is
/// --help, "--" ends the options. Throws UsageError for unknown options or missing values.
CliArgs parse_cli(const std::vector<std::string> &argv);

/// The options a command takes itself (by command word), e.g. "registrations" -> {"user"}.
const std::vector<std::string> &command_options(const std::string &command);

}  // namespace lineside::ctl
