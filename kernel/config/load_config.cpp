// config/load_config.cpp: loading lineside.yaml plus its conf.d fragments.
#include "config/load_config.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "config/config_merge.hpp"
#include "config/kernel_schema.hpp"
#include "config/key_suggestion.hpp"
#include "config/path_values.hpp"
#include "config/validate_config.hpp"

namespace lineside::kernel {
namespace {

const std::vector<std::string> kTopLevelKeys{"kernel", "modules"};
constexpr const char *kDefaultStateDir = "/var/lib/lineside";

/// The conf.d/NAME.yaml files next to `main_file`, sorted by name; none when the folder is absent.
std::vector<std::string> fragment_files(const std::string &main_file, std::vector<ConfigError> &errors) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::path(main_file).parent_path() / "conf.d";
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::exists(folder, ec)) return files;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    errors.push_back(ConfigError{folder.string(), 0, 0, "", "cannot read folder: " + ec.message()});
    return files;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path entry = it->path();
    const std::string name = entry.filename().string();
    if (name.empty() || name.front() == '.' || entry.extension() != ".yaml") continue;
    if (fs::is_directory(entry, ec)) continue;
    files.push_back(entry.string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The value of `key` in map `node`, or a null node when `node` is no map or lacks the key (yaml-cpp's
/// own lookup returns an invalid node then, which throws when asked its type).
YAML::Node child_or_null(const YAML::Node &node, const char *key) {
  if (!node.IsDefined() || !node.IsMap()) return YAML::Node();
  const YAML::Node child = node[key];
  return child.IsDefined() ? child : YAML::Node();
}

/// Only `kernel` and `modules` at the top; the root must be a map (null counts as empty).
void check_top_level(const YAML::Node &root, const std::string &file, std::vector<ConfigError> &errors) {
  if (root.IsNull()) return;
  if (!root.IsMap()) {
    errors.push_back(error_at_position(position_of(root, file, SourcePos{file, 1, 1}), "",
                                       "expected a map with kernel: and modules:"));
    return;
  }
  std::set<std::string> seen;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    const bool known = std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), key) != kTopLevelKeys.end();
    if (known && seen.insert(key).second) continue;
    errors.push_back(error_at_position(position_of(it->first, file, SourcePos{file, 1, 1}), key,
                                       known ? "duplicate key" : unknown_key_message(key, kTopLevelKeys)));
  }
}

/// A map holding only the kernel: and modules: entries of `root` (the same nodes, not copies), so a
/// fragment with an unknown top-level key still has its known sections merged and checked.
YAML::Node known_sections(const YAML::Node &root) {
  YAML::Node known(YAML::NodeType::Map);
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    if (std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), it->first.Scalar()) == kTopLevelKeys.end()) continue;
    known.force_insert(it->first, it->second);
  }
  return known;
}

/// The state dir ${state_dir} expands to: the override, else kernel.state_dir resolved against its
/// file, else the default. A kernel.state_dir using ${...} is reported here (it cannot refer to itself).
std::string effective_state_dir(const YAML::Node &root, const std::string &main_file, const NodeOrigins &origins,
                                const LoadOptions &opts, std::vector<ConfigError> &errors) {
  if (opts.state_dir_override) return resolve_against_file(*opts.state_dir_override, "");
  const YAML::Node kernel = child_or_null(root, "kernel");
  const YAML::Node state_dir = child_or_null(kernel, "state_dir");
  if (!state_dir.IsDefined() || !state_dir.IsScalar() || state_dir.Scalar().empty()) return kDefaultStateDir;
  const std::string &file = origins.file_of(state_dir, origins.file_of(kernel, main_file));
  std::string problem;
  std::optional<std::string> resolved = resolve_config_path(state_dir.Scalar(), "", file, problem);
  if (!resolved) {
    errors.push_back(error_at_position(position_of(state_dir, file, SourcePos{file, 1, 1}), "kernel.state_dir", problem));
    return kDefaultStateDir;
  }
  return *resolved;
}

/// The position of `key` in `root` (for reporting about an absent or null section), else the file start.
SourcePos section_position(const YAML::Node &root, const char *key, const std::string &main_file,
                           const NodeOrigins &origins) {
  const SourcePos file_start{main_file, 1, 1};
  if (!root.IsMap()) return file_start;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      return position_of(it->first, origins.file_of(it->first, main_file), file_start);
    }
  }
  return file_start;
}

} // namespace

LoadedConfig load_config(const std::string &path, const LoadOptions &opts) {
  std::vector<ConfigError> errors;
  std::optional<YAML::Node> root = read_yaml_file(path, errors);
  if (!root) throw ConfigException(std::move(errors));
  check_top_level(*root, path, errors);
  if (root->IsNull()) root = YAML::Node(YAML::NodeType::Map);

  LoadedConfig loaded;
  loaded.main_file = path;
  auto origins = std::make_shared<NodeOrigins>();
  for (const std::string &fragment_file : fragment_files(path, errors)) {
    std::optional<YAML::Node> fragment = read_yaml_file(fragment_file, errors);
    if (!fragment) continue;
    loaded.fragment_files.push_back(fragment_file);
    check_top_level(*fragment, fragment_file, errors);
    if (!fragment->IsMap() || !root->IsMap()) continue;
    if (!merge_maps(*root, known_sections(*fragment), fragment_file, *origins)) {
      errors.push_back(ConfigError{fragment_file, 0, 0, "", "maps nest too deeply to merge"});
    }
  }
  loaded.origins = origins;

  const YAML::Node &document = *root; // const: operator[] must not insert absent keys
  const std::string state_dir = effective_state_dir(document, path, *origins, opts, errors);
  const YAML::Node kernel = child_or_null(document, "kernel");
  const ValidationContext kernel_ctx{"kernel", path, state_dir, section_position(document, "kernel", path, *origins), origins};
  const std::span<const ls_config_field_t> schema = kernel_schema();
  loaded.kernel_tree = validate_config(kernel, schema.data(), static_cast<uint32_t>(schema.size()), kernel_ctx, errors);
  if (loaded.kernel_tree) {
    if (std::optional<KernelSettings> settings = kernel_settings_from(*loaded.kernel_tree, state_dir, errors)) {
      loaded.kernel = std::move(*settings);
    }
  }

  const YAML::Node modules = child_or_null(document, "modules");
  const ValidationContext modules_ctx{"modules", path, state_dir, section_position(document, "modules", path, *origins), origins};
  loaded.modules = parse_module_entries(modules, modules_ctx, errors);

  if (!errors.empty()) throw ConfigException(std::move(errors));
  return loaded;
}

} // namespace lineside::kernel
