// config/module_entry.cpp: parsing the `modules:` map into ModuleEntry values.
#include "config/module_entry.hpp"

#include <cstdint>
#include <limits>
#include <set>

#include "config/config_access.hpp"
#include "config/key_suggestion.hpp"
#include "config/schema_validator.hpp"

namespace lineside::kernel {
namespace {

constexpr ls_config_field_t kEnabledField{sizeof(ls_config_field_t), LS_CFG_BOOL, "enabled", "true", "", 0, 0, 0, 0, nullptr, nullptr};
constexpr ls_config_field_t kRequiredField{sizeof(ls_config_field_t), LS_CFG_BOOL, "required", "false", "", 0, 0, 0, 0, nullptr, nullptr};
constexpr ls_config_field_t kPathField{sizeof(ls_config_field_t), LS_CFG_PATH, "path", nullptr, "", 0, 0, 0, 0, nullptr, nullptr};
constexpr ls_config_field_t kHookFields[] = {
    {sizeof(ls_config_field_t), LS_CFG_INT, "priority", nullptr, "lower runs first", LS_CFG_REQUIRED, 0,
     std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), nullptr, nullptr}};

const std::vector<std::string> kEntryKeys{"enabled", "required", "path", "hooks", "config"};

bool valid_hook_name(const std::string &name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

/// Parses one module entry; reports through the shared error list.
class EntryParser {
 public:
  EntryParser(const ValidationContext &ctx, std::vector<ConfigError> &errors)
      : ctx_(ctx), errors_(errors), validator_(ctx, errors) {}

  bool parse(const YAML::Node &value, const std::string &value_file, const SourcePos &value_pos, ModuleEntry &entry) {
    const size_t errors_before = errors_.size();
    const std::string prefix = "modules." + entry.name;
    entry.config = YAML::Node(YAML::NodeType::Null);
    entry.config_context = ValidationContext{prefix + ".config", value_file, ctx_.state_dir, entry.position, ctx_.origins};
    if (!value.IsDefined() || value.IsNull()) return true;
    if (!value.IsMap()) {
      report(value_pos, prefix, "expected a map");
      return false;
    }
    std::set<std::string> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string &key_file = file_of(it->first, value_file);
      const SourcePos key_pos = position_of(it->first, key_file, value_pos);
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const std::string key_path = prefix + "." + key;
      const std::string &item_file = file_of(it->second, key_file);
      const SourcePos item_pos = position_of(it->second, item_file, key_pos);
      if (!seen.insert(key).second) {
        report(key_pos, key_path, "duplicate key");
      } else if (key == "enabled" || key == "required") {
        ConfigValue flag;
        const ls_config_field_t &field = key == "enabled" ? kEnabledField : kRequiredField;
        if (validator_.validate_value(it->second, field, key_path, item_file, item_pos, flag)) {
          (key == "enabled" ? entry.enabled : entry.required) = flag.number != 0;
        }
      } else if (key == "path") {
        ConfigValue path;
        if (validator_.validate_value(it->second, kPathField, key_path, item_file, item_pos, path)) entry.path = path.text;
      } else if (key == "hooks") {
        parse_hooks(it->second, key_path, item_file, item_pos, entry);
      } else if (key == "config") {
        entry.config = it->second;
        entry.config_context.file = item_file;
        entry.config_context.position = item_pos;
      } else {
        report(key_pos, key_path, unknown_key_message(key, kEntryKeys));
      }
    }
    return errors_.size() == errors_before;
  }

 private:
  void report(const SourcePos &pos, const std::string &key, const std::string &message) {
    errors_.push_back(error_at_position(pos, key, message));
  }

  const std::string &file_of(const YAML::Node &node, const std::string &inherited) const {
    return ctx_.origins ? ctx_.origins->file_of(node, inherited) : inherited;
  }

  void parse_hooks(const YAML::Node &hooks, const std::string &path, const std::string &file, const SourcePos &pos,
                   ModuleEntry &entry) {
    if (!hooks.IsDefined() || hooks.IsNull()) return;
    if (!hooks.IsMap()) {
      report(pos, path, "expected a map of hook names");
      return;
    }
    for (auto it = hooks.begin(); it != hooks.end(); ++it) {
      const std::string &key_file = file_of(it->first, file);
      const SourcePos key_pos = position_of(it->first, key_file, pos);
      const std::string hook = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const std::string hook_path = path + "." + hook;
      if (!valid_hook_name(hook)) {
        report(key_pos, hook_path, "invalid hook name (use a-z, 0-9 and '_')");
        continue;
      }
      if (entry.hook_positions.count(hook) != 0) {
        report(key_pos, hook_path, "duplicate key");
        continue;
      }
      const std::string &value_file = file_of(it->second, key_file);
      const ValidationContext hook_ctx{hook_path, value_file, ctx_.state_dir, key_pos, ctx_.origins};
      std::shared_ptr<const ls_config> override_tree = validate_config(it->second, kHookFields, 1, hook_ctx, errors_);
      int64_t priority = 0;
      if (override_tree && config_int(override_tree.get(), "priority", &priority) == 0) {
        entry.hook_priorities[hook] = static_cast<int32_t>(priority);
        entry.hook_positions[hook] = key_pos;
      }
    }
  }

  const ValidationContext &ctx_;
  std::vector<ConfigError> &errors_;
  SchemaValidator validator_;
};

} // namespace

ConfigError module_error(const ModuleEntry &entry, const std::string &message) {
  return error_at_position(entry.position, "modules." + entry.name, message);
}

ConfigError hook_error(const ModuleEntry &entry, const std::string &hook, const std::string &message) {
  auto pos = entry.hook_positions.find(hook);
  return error_at_position(pos != entry.hook_positions.end() ? pos->second : entry.position,
                           "modules." + entry.name + ".hooks." + hook, message);
}

bool valid_module_name(const std::string &name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

std::vector<ModuleEntry> parse_module_entries(const YAML::Node &modules, const ValidationContext &ctx,
                                              std::vector<ConfigError> &errors) {
  std::vector<ModuleEntry> entries;
  if (!modules.IsDefined() || modules.IsNull()) return entries;
  const std::string &file = ctx.origins ? ctx.origins->file_of(modules, ctx.file) : ctx.file;
  if (!modules.IsMap()) {
    errors.push_back(error_at_position(position_of(modules, file, ctx.position), "modules", "expected a map"));
    return entries;
  }
  EntryParser parser(ctx, errors);
  std::set<std::string> names;
  for (auto it = modules.begin(); it != modules.end(); ++it) {
    const std::string &key_file = ctx.origins ? ctx.origins->file_of(it->first, file) : file;
    ModuleEntry entry;
    entry.position = position_of(it->first, key_file, ctx.position);
    entry.name = it->first.IsScalar() ? it->first.Scalar() : std::string();
    if (!valid_module_name(entry.name)) {
      errors.push_back(module_error(entry, "invalid module name (use a-z, 0-9, '_' and '-')"));
      continue;
    }
    if (!names.insert(entry.name).second) {
      errors.push_back(module_error(entry, "duplicate key"));
      continue;
    }
    const std::string &value_file = ctx.origins ? ctx.origins->file_of(it->second, key_file) : key_file;
    if (parser.parse(it->second, value_file, position_of(it->second, value_file, entry.position), entry)) {
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

} // namespace lineside::kernel
