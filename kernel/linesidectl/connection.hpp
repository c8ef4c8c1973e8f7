// linesidectl/connection.hpp: --url/--token/--token-file/--user/--cacert (and LINESIDE_TOKEN_FILE)
// turned into the settings the API client uses.
#pragma once

#include <functional>
#include <string>

#include "linesidectl/api_client.hpp"
#include "linesidectl/cli_args.hpp"

namespace lineside::ctl {

using EnvLookup = std::function<const char *(const char *)>;

/// Credentials by precedence: --user name:password (basic), --token, then the token file
/// (--token-file, else $LINESIDE_TOKEN_FILE, else /var/lib/lineside/admin.token). An unreadable
/// token file is not an error here: the request goes without credentials and the 401 shows why.
ConnectionSettings connection_settings(const GlobalOptions &options, const EnvLookup &env);

/// The first line of `path` without surrounding blanks; false (with the reason) when unreadable or empty.
bool read_token_file(const std::string &path, std::string &token, std::string &why);

}  // namespace lineside::ctl
