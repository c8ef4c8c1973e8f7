// config/path_values.cpp: ${state_dir} expansion and resolution of relative config paths.
#include "config/path_values.hpp"

#include <filesystem>

namespace lineside::kernel {

std::string resolve_against_file(std::string_view path, std::string_view file) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.is_relative()) {
    fs::path folder = fs::path(file).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    const fs::path absolute_folder = fs::absolute(folder, ec);
    target = (ec ? folder : absolute_folder) / target;
  }
  return target.lexically_normal().string();
}

std::optional<std::string> resolve_config_path(std::string_view text, const std::string &state_dir,
                                               std::string_view file, std::string &error) {
  static constexpr std::string_view kStateDirVariable = "${state_dir}";
  if (text.empty()) {
    error = "expected a non-empty path";
    return std::nullopt;
  }
  std::string expanded;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t dollar = text.find("${", pos);
    if (dollar == std::string_view::npos) {
      expanded.append(text.substr(pos));
      break;
    }
    expanded.append(text.substr(pos, dollar - pos));
    const size_t close = text.find('}', dollar);
    const std::string_view variable =
        text.substr(dollar, close == std::string_view::npos ? std::string_view::npos : close - dollar + 1);
    if (variable != kStateDirVariable) {
      error = "unknown variable '" + std::string(variable) + "' (only ${state_dir} is defined)";
      return std::nullopt;
    }
    if (state_dir.empty()) {
      error = "${state_dir} cannot be used here";
      return std::nullopt;
    }
    expanded.append(state_dir);
    pos = dollar + variable.size();
  }
  return resolve_against_file(expanded, file);
}

} // namespace lineside::kernel
