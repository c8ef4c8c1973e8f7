// linesidectl/connection.cpp: credential precedence and reading the admin token file.
#include "linesidectl/connection.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "linesidectl/ctl_errors.hpp"

namespace lineside::ctl {

bool read_token_file(const std::string &path, std::string &token, std::string &why) {
  std::ifstream in(path);
  if (!in) {
    why = std::strerror(errno);
    return false;
  }
  std::string line;
  std::getline(in, line);
  const size_t first = line.find_first_not_of(" \t\r\n");
  const size_t last = line.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) {
    why = "the file is empty";
    return false;
  }
  token = line.substr(first, last - first + 1);
  return true;
}

ConnectionSettings connection_settings(const GlobalOptions &options, const EnvLookup &env) {
  ConnectionSettings s;
  s.url = options.url;
  s.cacert = options.cacert.value_or("");
  if (options.basic_user) {
    const size_t colon = options.basic_user->find(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--user expects name:password");
    s.basic_user = options.basic_user->substr(0, colon);
    s.basic_password = options.basic_user->substr(colon + 1);
    return s;
  }
  if (options.token) {
    if (options.token->empty()) throw UsageError("--token must not be empty");
    s.bearer_token = *options.token;
    return s;
  }
  std::string path = kDefaultTokenFile;
  if (options.token_file) {
    path = *options.token_file;
  } else if (const char *from_env = env("LINESIDE_TOKEN_FILE"); from_env && *from_env) {
    path = from_env;
  }
  std::string why;
  if (!read_token_file(path, s.bearer_token, why)) {
    s.credential_note = "no credentials sent: cannot read the token file " + path + " (" + why +
                        "); give --token-file, --token or --user name:password";
  }
  return s;
}

}  // namespace lineside::ctl
