// config/schema_describe.cpp: human-readable text of a config schema.
#include "config/schema_describe.hpp"

#include "config/scalar_values.hpp"
#include "config/schema_check.hpp"
#include "config/schema_validator.hpp"

namespace lineside::kernel {
namespace {

std::string type_text(const ls_config_field_t &field) {
  switch (field.type) {
  case LS_CFG_STRING: return "string";
  case LS_CFG_INT: return "integer";
  case LS_CFG_BOOL: return "boolean";
  case LS_CFG_DURATION: return "duration";
  case LS_CFG_ENUM: return std::string("one of ") + field.choices;
  case LS_CFG_STRING_LIST: return "list of strings";
  case LS_CFG_MAP_LIST: return "list of maps";
  case LS_CFG_MAP: return "map";
  case LS_CFG_PATH: return "path";
  default: return "unknown";
  }
}

std::string range_text(const ls_config_field_t &field) {
  if (field.min >= field.max) return "";
  if (field.type == LS_CFG_INT) return "between " + std::to_string(field.min) + " and " + std::to_string(field.max);
  if (field.type == LS_CFG_DURATION) {
    return "between " + format_duration_ms(field.min) + " and " + format_duration_ms(field.max);
  }
  return "";
}

void describe_level(const ls_config_field_t *fields, uint32_t count, const std::string &indent, std::string &out) {
  for (uint32_t i = 0; i < count; ++i) {
    const ls_config_field_t &field = schema_field(fields, i);
    std::string attributes = type_text(field);
    if ((field.flags & LS_CFG_REQUIRED) != 0) attributes += ", required";
    if ((field.flags & LS_CFG_SECRET) != 0) attributes += ", secret";
    if (field.default_value != nullptr && (field.flags & LS_CFG_SECRET) == 0) {
      attributes += std::string(", default ") + field.default_value;
    }
    const std::string range = range_text(field);
    if (!range.empty()) attributes += ", " + range;
    out += indent + field.key + " (" + attributes + ")\n";
    if (field.doc != nullptr && *field.doc != '\0') out += indent + "    " + field.doc + "\n";
    if (field.type == LS_CFG_MAP || field.type == LS_CFG_MAP_LIST) {
      describe_level(field.children, field.child_count, indent + "  ", out);
    }
  }
}

} // namespace

std::string describe_schema(const ls_config_field_t *fields, uint32_t count) {
  const std::string problem = check_schema(fields, count);
  if (!problem.empty()) return "invalid schema: " + problem + "\n";
  std::string out;
  describe_level(fields, count, "", out);
  return out;
}

} // namespace lineside::kernel
