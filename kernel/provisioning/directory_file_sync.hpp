// provisioning/directory_file_sync.hpp: kernel.directory_file as an import source: imported at
// start-up when the store has no devices or the file changed since its last import, and on
// SIGHUP when it changed (checked first, applied with the rest of the reload).
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "provisioning/provisioning.hpp"

namespace lineside::kernel {

/// A checked import of the directory file, ready to apply.
struct FileImport {
  bool needed = false;
  std::string path;
  std::string sha256;
  OpResult result;
};

/**
 * Decide and check. `at_start`: also import when the store holds no devices. Throws
 * ConfigException for an unreadable or invalid file and std::runtime_error naming every broken
 * rule (duplicate DN, licences, ...) when the import would be refused.
 */
FileImport plan_directory_file_import(Provisioning &provisioning, const std::string &path, bool at_start);

/// Apply a planned import (Provisioning::apply_now) and remember the file's hash. Returns a log line.
std::string apply_directory_file_import(Provisioning &provisioning, FileImport plan);

}  // namespace lineside::kernel
