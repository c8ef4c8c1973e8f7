// config/schema_validator.cpp: the recursive walk that checks YAML nodes against schema fields.
#include "config/schema_validator.hpp"

#include <optional>

#include "config/key_suggestion.hpp"
#include "config/path_values.hpp"
#include "config/scalar_values.hpp"

namespace lineside::kernel {
namespace {

bool has_required_child(const ls_config_field_t &field) {
  for (uint32_t i = 0; i < field.child_count; ++i) {
    if ((schema_field(field.children, i).flags & LS_CFG_REQUIRED) != 0) return true;
  }
  return false;
}

bool has_range(const ls_config_field_t &field) { return field.min < field.max; }

bool absent_or_null(const YAML::Node &node) { return !node.IsDefined() || node.IsNull(); }

const char *expected_scalar(uint32_t type) {
  switch (type) {
  case LS_CFG_INT: return "expected integer";
  case LS_CFG_BOOL: return "expected true or false";
  case LS_CFG_DURATION: return "expected duration (e.g. 30s, 5m)";
  case LS_CFG_PATH: return "expected a path";
  default: return "expected a string";
  }
}

} // namespace

const ls_config_field_t &schema_field(const ls_config_field_t *fields, uint32_t i) {
  const size_t stride = fields[0].size > sizeof(ls_config_field_t) ? fields[0].size : sizeof(ls_config_field_t);
  return *reinterpret_cast<const ls_config_field_t *>(reinterpret_cast<const char *>(fields) + stride * i);
}

std::string join_key(const std::string &prefix, const std::string &key) {
  return prefix.empty() ? key : prefix + "." + key;
}

SchemaValidator::SchemaValidator(const ValidationContext &ctx, std::vector<ConfigError> &errors, bool use_marks)
    : ctx_(ctx), errors_(errors), use_marks_(use_marks) {}

void SchemaValidator::report(const SourcePos &pos, const std::string &key, std::string message) {
  errors_.push_back(error_at_position(pos, key, std::move(message)));
}

const std::string &SchemaValidator::file_of(const YAML::Node &node, const std::string &inherited) const {
  if (!use_marks_ || !ctx_.origins) return inherited;
  return ctx_.origins->file_of(node, inherited);
}

SourcePos SchemaValidator::position_in(const YAML::Node &node, const std::string &file,
                                       const SourcePos &fallback) const {
  return use_marks_ ? position_of(node, file, fallback) : fallback;
}

std::shared_ptr<ls_config> SchemaValidator::validate_map(const YAML::Node &node, const ls_config_field_t *fields,
                                                         uint32_t count, const std::string &path,
                                                         const std::string &file, const SourcePos &position) {
  const size_t errors_before = errors_.size();
  auto map = std::make_shared<ls_config>();
  map->path = path;
  map->position = position;
  if (!absent_or_null(node) && !node.IsMap()) {
    report(position, path, "expected a map");
    return nullptr;
  }
  std::vector<std::string> known_keys;
  for (uint32_t i = 0; i < count; ++i) known_keys.emplace_back(schema_field(fields, i).key);

  struct Present {
    YAML::Node key;
    YAML::Node value;
  };
  std::vector<std::optional<Present>> present(count);
  if (node.IsDefined() && node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const SourcePos key_pos = position_in(it->first, file_of(it->first, file), position);
      if (!it->first.IsScalar()) {
        report(key_pos, path, "expected a plain key");
        continue;
      }
      const std::string name = it->first.Scalar();
      uint32_t index = count;
      for (uint32_t i = 0; i < count; ++i) {
        if (known_keys[i] == name) index = i;
      }
      if (index == count) {
        report(key_pos, join_key(path, name), unknown_key_message(name, known_keys));
      } else if (present[index]) {
        report(key_pos, join_key(path, name), "duplicate key");
      } else {
        present[index] = Present{it->first, it->second};
      }
    }
  }

  for (uint32_t i = 0; i < count; ++i) {
    const ls_config_field_t &field = schema_field(fields, i);
    const std::string key_path = join_key(path, field.key);
    if (!present[i]) {
      fill_absent(field, key_path, file, position, *map);
      continue;
    }
    const std::string &key_file = file_of(present[i]->key, file);
    const std::string &value_file = file_of(present[i]->value, key_file);
    ConfigEntry entry;
    entry.key = field.key;
    entry.key_position = position_in(present[i]->key, key_file, position);
    entry.value_position = position_in(present[i]->value, value_file, entry.key_position);
    if (validate_value(present[i]->value, field, key_path, value_file, entry.value_position, entry.value)) {
      map->entries.push_back(std::move(entry));
    }
  }
  if (errors_.size() != errors_before) return nullptr;
  return map;
}

void SchemaValidator::fill_absent(const ls_config_field_t &field, const std::string &path, const std::string &file,
                                  const SourcePos &position, ls_config &map) {
  ConfigEntry entry;
  entry.key = field.key;
  entry.key_position = position;
  entry.value_position = position;
  entry.from_default = true;
  if (field.default_value != nullptr) {
    if (default_value(field, path, file, position, entry.value)) map.entries.push_back(std::move(entry));
  } else if ((field.flags & LS_CFG_REQUIRED) != 0) {
    report(position, path, "missing required key");
  } else if (field.type == LS_CFG_MAP && !has_required_child(field)) {
    if (validate_value(YAML::Node(), field, path, file, position, entry.value)) map.entries.push_back(std::move(entry));
  }
}

bool SchemaValidator::default_value(const ls_config_field_t &field, const std::string &path,
                                    const std::string &file, const SourcePos &position, ConfigValue &out) {
  YAML::Node parsed;
  try {
    parsed = YAML::Load(field.default_value);
  } catch (const YAML::Exception &e) {
    report(position, path, "schema default is not valid YAML: " + e.msg);
    return false;
  }
  std::vector<ConfigError> problems;
  SchemaValidator inner(ctx_, problems, false);
  if (inner.validate_value(parsed, field, path, file, position, out)) return true;
  for (ConfigError &problem : problems) {
    problem.message = "schema default is invalid: " + problem.message;
    errors_.push_back(std::move(problem));
  }
  return false;
}

bool SchemaValidator::validate_value(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                                     const std::string &file, const SourcePos &position, ConfigValue &out) {
  out.type = field.type;
  switch (field.type) {
  case LS_CFG_STRING:
  case LS_CFG_PATH:
  case LS_CFG_INT:
  case LS_CFG_BOOL:
  case LS_CFG_DURATION:
  case LS_CFG_ENUM:
    return scalar_value(node, field, path, file, position, out);
  case LS_CFG_STRING_LIST:
    return string_list(node, path, file, position, out);
  case LS_CFG_MAP_LIST:
    return map_list(node, field, path, file, position, out);
  case LS_CFG_MAP: {
    std::shared_ptr<ls_config> child = validate_map(node, field.children, field.child_count, path, file, position);
    if (!child) return false;
    out.maps.push_back(std::move(child));
    return true;
  }
  default:
    report(position, path, "unknown field type " + std::to_string(field.type) + " in schema");
    return false;
  }
}

bool SchemaValidator::scalar_value(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                                   const std::string &file, const SourcePos &position, ConfigValue &out) {
  const bool scalar = node.IsDefined() && node.IsScalar();
  const std::string text = scalar ? node.Scalar() : std::string();
  switch (field.type) {
  case LS_CFG_STRING:
    if (!scalar) break;
    out.text = text;
    return true;
  case LS_CFG_PATH: {
    if (!scalar) break;
    std::string problem;
    std::optional<std::string> resolved = resolve_config_path(text, ctx_.state_dir, file, problem);
    if (!resolved) {
      report(position, path, problem);
      return false;
    }
    out.text = std::move(*resolved);
    return true;
  }
  case LS_CFG_INT: {
    const std::optional<int64_t> value = is_plain_scalar(node) ? parse_integer(text) : std::nullopt;
    if (!value) break;
    if (has_range(field) && (*value < field.min || *value > field.max)) {
      report(position, path, "must be between " + std::to_string(field.min) + " and " + std::to_string(field.max));
      return false;
    }
    out.number = *value;
    return true;
  }
  case LS_CFG_BOOL: {
    const std::optional<bool> value = is_plain_scalar(node) ? parse_boolean(text) : std::nullopt;
    if (!value) break;
    out.number = *value ? 1 : 0;
    return true;
  }
  case LS_CFG_DURATION: {
    const std::optional<int64_t> value = scalar ? parse_duration_ms(text) : std::nullopt;
    if (!value) break;
    if (has_range(field) && (*value < field.min || *value > field.max)) {
      report(position, path,
             "must be between " + format_duration_ms(field.min) + " and " + format_duration_ms(field.max));
      return false;
    }
    out.number = *value;
    return true;
  }
  case LS_CFG_ENUM: {
    const std::vector<std::string> choices = split_choices(field.choices);
    if (scalar) {
      for (const std::string &choice : choices) {
        if (choice == text) {
          out.text = text;
          return true;
        }
      }
    }
    report(position, path, expected_one_of(choices));
    return false;
  }
  default:
    break;
  }
  report(position, path, expected_scalar(field.type));
  return false;
}

bool SchemaValidator::string_list(const YAML::Node &node, const std::string &path, const std::string &file,
                                  const SourcePos &position, ConfigValue &out) {
  if (absent_or_null(node)) return true;
  if (node.IsScalar()) {
    out.strings.push_back(node.Scalar());
    out.item_positions.push_back(position);
    return true;
  }
  if (!node.IsSequence()) {
    report(position, path, "expected a list of strings");
    return false;
  }
  bool ok = true;
  size_t i = 0;
  for (auto it = node.begin(); it != node.end(); ++it, ++i) {
    const YAML::Node item = *it;
    const SourcePos item_pos = position_in(item, file_of(item, file), position);
    if (!item.IsScalar()) {
      report(item_pos, path + "[" + std::to_string(i) + "]", "expected a string");
      ok = false;
      continue;
    }
    out.strings.push_back(item.Scalar());
    out.item_positions.push_back(item_pos);
  }
  return ok;
}

bool SchemaValidator::map_list(const YAML::Node &node, const ls_config_field_t &field, const std::string &path,
                               const std::string &file, const SourcePos &position, ConfigValue &out) {
  if (absent_or_null(node)) return true;
  if (!node.IsSequence()) {
    report(position, path, "expected a list of maps");
    return false;
  }
  bool ok = true;
  size_t i = 0;
  for (auto it = node.begin(); it != node.end(); ++it, ++i) {
    const YAML::Node item = *it;
    const std::string &item_file = file_of(item, file);
    const SourcePos item_pos = position_in(item, item_file, position);
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (!item.IsMap()) {
      report(item_pos, item_path, "expected a map");
      ok = false;
      continue;
    }
    std::shared_ptr<ls_config> child =
        validate_map(item, field.children, field.child_count, item_path, item_file, item_pos);
    if (!child) {
      ok = false;
      continue;
    }
    out.maps.push_back(std::move(child));
    out.item_positions.push_back(item_pos);
  }
  return ok;
}

} // namespace lineside::kernel
