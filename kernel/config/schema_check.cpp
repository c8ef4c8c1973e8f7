// config/schema_check.cpp: checking that a module's declared config schema is well-formed.
#include "config/schema_check.hpp"

#include <set>
#include <vector>

#include "config/scalar_values.hpp"
#include "config/schema_validator.hpp"

namespace lineside::kernel {
namespace {

constexpr int kMaxSchemaDepth = 16;
constexpr uint32_t kKnownFlags = LS_CFG_REQUIRED | LS_CFG_SECRET;

bool valid_key(const char *key) {
  if (key == nullptr || *key == '\0') return false;
  for (const char *c = key; *c != '\0'; ++c) {
    const bool ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
    if (!ok) return false;
  }
  return true;
}

bool known_type(uint32_t type) { return type >= LS_CFG_STRING && type <= LS_CFG_PATH; }

std::string check_choices(const ls_config_field_t &field, const std::string &name) {
  if (field.choices == nullptr || *field.choices == '\0') return "'" + name + "': ENUM without choices";
  std::set<std::string> seen;
  for (const std::string &choice : split_choices(field.choices)) {
    if (choice.empty()) return "'" + name + "': empty choice in '" + field.choices + "'";
    if (!seen.insert(choice).second) return "'" + name + "': choice '" + choice + "' is listed twice";
  }
  return "";
}

std::string check_default(const ls_config_field_t &field, const std::string &name) {
  const ValidationContext context{"", "schema", "/state", SourcePos{"schema", 1, 1}, nullptr};
  std::vector<ConfigError> problems;
  SchemaValidator validator(context, problems, false);
  ConfigValue value;
  if (validator.default_value(field, name, "schema", context.position, value)) return "";
  return "'" + name + "': " + (problems.empty() ? "schema default is invalid" : problems.front().message);
}

std::string check_level(const ls_config_field_t *fields, uint32_t count, const std::string &prefix, int depth) {
  if (count == 0) return "";
  const std::string where = prefix.empty() ? "schema" : "children of '" + prefix + "'";
  if (fields == nullptr) return where + ": " + std::to_string(count) + " fields declared but the array is NULL";
  if (fields[0].size < sizeof(ls_config_field_t)) {
    return where + ": field size " + std::to_string(fields[0].size) + " is smaller than ls_config_field_t (" +
           std::to_string(sizeof(ls_config_field_t)) + ")";
  }
  std::set<std::string> keys;
  for (uint32_t i = 0; i < count; ++i) {
    const ls_config_field_t &field = schema_field(fields, i);
    if (field.size != fields[0].size) return where + ": field #" + std::to_string(i) + " has a different size";
    if (!valid_key(field.key)) {
      return where + ": field #" + std::to_string(i) + " key '" + (field.key ? field.key : "(null)") +
             "' must match [a-z0-9_]+";
    }
    const std::string name = join_key(prefix, field.key);
    if (!keys.insert(field.key).second) return "'" + name + "': duplicate key";
    if (!known_type(field.type)) return "'" + name + "': unknown type " + std::to_string(field.type);
    if ((field.flags & ~kKnownFlags) != 0) return "'" + name + "': unknown flags " + std::to_string(field.flags);
    if ((field.flags & LS_CFG_REQUIRED) != 0 && field.default_value != nullptr) {
      return "'" + name + "': a required key cannot have a default";
    }
    if (field.type == LS_CFG_MAP || field.type == LS_CFG_MAP_LIST) {
      const char *type_name = field.type == LS_CFG_MAP ? "MAP" : "MAP_LIST";
      if (field.children == nullptr || field.child_count == 0) return "'" + name + "': " + type_name + " without children";
      if (depth >= kMaxSchemaDepth) return "'" + name + "': nested deeper than " + std::to_string(kMaxSchemaDepth) + " levels";
      std::string problem = check_level(field.children, field.child_count, name, depth + 1);
      if (!problem.empty()) return problem;
    }
    if (field.type == LS_CFG_ENUM) {
      std::string problem = check_choices(field, name);
      if (!problem.empty()) return problem;
    }
    if (field.default_value != nullptr) {
      std::string problem = check_default(field, name);
      if (!problem.empty()) return problem;
    }
  }
  return "";
}

} // namespace

std::string check_schema(const ls_config_field_t *fields, uint32_t count) {
  return check_level(fields, count, "", 0);
}

} // namespace lineside::kernel
