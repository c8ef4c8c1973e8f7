// Helpers for the config tests: a scratch folder to write YAML inputs into, and error collection.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config_error.hpp"

namespace lineside::kernel::config_testing {

/// A fresh folder under the system temp dir, removed with its content when the test ends.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lineside-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + pattern);
    root_ = pattern;
  }
  ScratchFolder(const ScratchFolder &) = delete;
  ScratchFolder &operator=(const ScratchFolder &) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  [[nodiscard]] std::string root() const { return root_.string(); }

  /// Write `content` to `relative` (creating folders) and return the file's full path.
  std::string write(const std::string &relative, const std::string &content) const {
    const std::filesystem::path file = root_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file.string();
  }

 private:
  std::filesystem::path root_;
};

/// The str() of every error `action` throws in a ConfigException; empty when it does not throw.
inline std::vector<std::string> thrown_errors(const std::function<void()> &action) {
  try {
    action();
  } catch (const ConfigException &e) {
    std::vector<std::string> out;
    for (const ConfigError &error : e.errors()) out.push_back(error.str());
    return out;
  }
  return {};
}

/// The str() of every error in `errors`.
inline std::vector<std::string> error_strings(const std::vector<ConfigError> &errors) {
  std::vector<std::string> out;
  for (const ConfigError &error : errors) out.push_back(error.str());
  return out;
}

} // namespace lineside::kernel::config_testing
