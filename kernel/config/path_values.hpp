// config/path_values.hpp: ${state_dir} expansion and resolution of relative paths against a config file's folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lineside::kernel {

/// `path` made absolute against the folder holding `file` (relative folders, and "" for no folder,
/// count from the current folder) and
/// normalised lexically. An absolute `path` is only normalised.
std::string resolve_against_file(std::string_view path, std::string_view file);

/**
 * The text of a PATH value made usable: `${state_dir}` replaced by `state_dir`, then resolved with
 * resolve_against_file(). nullopt with `error` set for an empty path, any other `${...}` variable,
 * or `${state_dir}` when `state_dir` is empty (not available where the value is read).
 */
std::optional<std::string> resolve_config_path(std::string_view text, const std::string &state_dir,
                                               std::string_view file, std::string &error);

} // namespace lineside::kernel
