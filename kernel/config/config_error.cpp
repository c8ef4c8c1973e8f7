// config/config_error.cpp: formatting of configuration errors.
#include "config/config_error.hpp"

namespace lineside::kernel {

std::string ConfigError::str() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  out += message;
  return out;
}

ConfigError error_at_position(const SourcePos &pos, std::string key, std::string message) {
  return ConfigError{pos.file, pos.line, pos.column, std::move(key), std::move(message)};
}

ConfigException::ConfigException(std::vector<ConfigError> errors) : errors_(std::move(errors)) {
  for (const ConfigError &e : errors_) {
    if (!text_.empty()) text_ += '\n';
    text_ += e.str();
  }
}

} // namespace lineside::kernel
