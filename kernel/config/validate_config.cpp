// config/validate_config.cpp: the public entry point validating a YAML map against a module's schema.
#include "config/validate_config.hpp"

#include "config/schema_check.hpp"
#include "config/schema_validator.hpp"

namespace lineside::kernel {

std::shared_ptr<const ls_config> validate_config(const YAML::Node &node, const ls_config_field_t *fields,
                                                 uint32_t count, const ValidationContext &ctx,
                                                 std::vector<ConfigError> &errors) {
  SourcePos fallback = ctx.position;
  if (fallback.file.empty()) fallback.file = ctx.file;
  const std::string problem = check_schema(fields, count);
  if (!problem.empty()) {
    errors.push_back(error_at_position(fallback, ctx.key_prefix, "invalid schema: " + problem));
    return nullptr;
  }
  const std::string &file = ctx.origins ? ctx.origins->file_of(node, ctx.file) : ctx.file;
  SchemaValidator validator(ctx, errors);
  return validator.validate_map(node, fields, count, ctx.key_prefix, file, position_of(node, file, fallback));
}

} // namespace lineside::kernel
