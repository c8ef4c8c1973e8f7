// provisioning/directory_file_json.hpp: the YAML directory file (kernel.directory_file, or a
// file given to `linesidectl import`) as an import bundle {"devices": [...]}.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

namespace lineside::kernel {

/// Read and check `path` with load_directory_file() (throws ConfigException with file:line:col
/// errors) and return the bundle POST /api/v1/import takes. Passwords stay in the bundle: the
/// server turns them into HA1s.
Poco::JSON::Object::Ptr directory_file_bundle(const std::string &path);

/// Lowercase hex SHA-256 of the file's bytes ("" when it cannot be read).
std::string file_sha256(const std::string &path);

}  // namespace lineside::kernel
