// config/schema_validator.hpp: the recursive walk that checks YAML nodes against schema fields (used by
// validate_config() and by check_schema() for defaults).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/validate_config.hpp"

namespace lineside::kernel {

/// The schema entry at index i, stepping by the entry size the module was built with (fields[0].size),
/// so a schema from an older minor with a shorter struct is read correctly. Needs a checked schema.
const ls_config_field_t &schema_field(const ls_config_field_t *fields, uint32_t i);

/// Validates nodes against a (well-formed) schema, appending errors. Not thread-safe; one per walk.
class SchemaValidator {
 public:
  /// `use_marks` false: report every value at the position passed in (for parsed default texts,
  /// whose marks point into the default string, not into a config file).
  SchemaValidator(const ValidationContext &ctx, std::vector<ConfigError> &errors, bool use_marks = true);

  /// A map node (absent or null = empty) against `count` fields; nullptr when errors were appended.
  std::shared_ptr<ls_config> validate_map(const YAML::Node &node, const ls_config_field_t *fields,
                                          uint32_t count, const std::string &path,
                                          const std::string &file, const SourcePos &position);

  /// One present value of `field` at `path`, positioned at `position`; false when errors were appended.
  bool validate_value(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                      const std::string &file, const SourcePos &position, ConfigValue &out);

  /// The schema default of `field` parsed and validated at `position`; false when it is invalid.
  bool default_value(const ls_config_field_t &field, const std::string &path, const std::string &file,
                     const SourcePos &position, ConfigValue &out);

 private:
  void report(const SourcePos &pos, const std::string &key, std::string message);
  const std::string &file_of(const YAML::Node &node, const std::string &inherited) const;
  SourcePos position_in(const YAML::Node &node, const std::string &file, const SourcePos &fallback) const;
  bool scalar_value(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                    const std::string &file, const SourcePos &position, ConfigValue &out);
  bool string_list(const YAML::Node &node, const std::string &path, const std::string &file,
                   const SourcePos &position, ConfigValue &out);
  bool map_list(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                const std::string &file, const SourcePos &position, ConfigValue &out);
  void fill_absent(const ls_config_field_t &field, const std::string &path, const std::string &file,
                   const SourcePos &position, ls_config &map);

  const ValidationContext &ctx_;
  std::vector<ConfigError> &errors_;
  bool use_marks_;
};

/// `prefix.key`, or `key` when prefix is empty.
std::string join_key(const std::string &prefix, const std::string &key);

} // namespace lineside::kernel
