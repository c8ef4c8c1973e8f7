// config/yaml_source.hpp: reading YAML files and knowing which file and position each node came from.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"

namespace lineside::kernel {

/**
 * Files of the nodes that conf.d fragments merged into the main document. yaml-cpp marks carry a
 * line and column but no file, so every node (key or value) a merge takes from a fragment is
 * recorded here; a node that is not recorded comes from the same file as its parent.
 */
class NodeOrigins {
 public:
  void record(const YAML::Node &node, const std::string &file);
  /// The file `node` was recorded with, else `inherited`.
  [[nodiscard]] const std::string &file_of(const YAML::Node &node, const std::string &inherited) const;

 private:
  std::vector<std::pair<YAML::Node, std::string>> nodes_;
};

/// The 1-based position of `node` in `file`, or `fallback` for a node without a mark or a null value
/// (yaml-cpp marks an empty value at the token after it).
SourcePos position_of(const YAML::Node &node, const std::string &file, const SourcePos &fallback);

/// Read and parse one YAML file (a single document). On failure appends an error naming the file
/// (with strerror, or yaml-cpp's message and mark under key `yaml`) and returns nullopt.
std::optional<YAML::Node> read_yaml_file(const std::string &path, std::vector<ConfigError> &errors);

/// True for a scalar written without quotes or an explicit string tag (so it may be a number or bool).
bool is_plain_scalar(const YAML::Node &node);

} // namespace lineside::kernel
