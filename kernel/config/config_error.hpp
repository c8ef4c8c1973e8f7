// config/config_error.hpp: a positioned configuration error and the exception carrying a batch of them.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace lineside::kernel {

/// Where a configuration value came from: file name as given, 1-based line and column (0 = unknown).
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One configuration error: `file:line:column: key: message`.
struct ConfigError {
  std::string file;
  int line = 0;   ///< 1-based; 0 when the error has no position (an unreadable file)
  int column = 0; ///< 1-based; 0 when the error has no position
  std::string key;     ///< dotted key path (`kernel.store.batch_max`), `yaml` for syntax errors
  std::string message;

  /// `file:line:column: key: message`; the position is left out when line is 0, the key when empty.
  [[nodiscard]] std::string str() const;
};

/// Build an error at a source position.
ConfigError error_at_position(const SourcePos &pos, std::string key, std::string message);

/// Thrown by the loaders with every error found (never empty).
class ConfigException : public std::exception {
 public:
  explicit ConfigException(std::vector<ConfigError> errors);
  [[nodiscard]] const char *what() const noexcept override { return text_.c_str(); }
  [[nodiscard]] const std::vector<ConfigError> &errors() const noexcept { return errors_; }

 private:
  std::vector<ConfigError> errors_;
  std::string text_; ///< every error's str(), joined with newlines
};

} // namespace lineside::kernel
