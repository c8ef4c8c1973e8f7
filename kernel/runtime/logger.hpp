// runtime/logger.hpp: the daemon's one log sink (stderr, timestamped, thread-safe, level-filtered).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace lineside::kernel {

enum class LogLevel : uint32_t { error = 0, warning = 1, notice = 2, info = 3, debug = 4 };

/// Parse "error|warning|notice|info|debug"; unknown text gives info.
LogLevel parse_log_level(std::string_view text);
const char *log_level_name(LogLevel level);

/// Process-wide logger. Lines look like `2026-11-24T02:33:00.123Z NOTICE [registrar] text`.
class Logger {
 public:
  static Logger &instance();
  void set_level(LogLevel level) { level_.store(static_cast<uint32_t>(level)); }
  [[nodiscard]] LogLevel level() const { return static_cast<LogLevel>(level_.load()); }
  [[nodiscard]] bool enabled(LogLevel level) const {
    return static_cast<uint32_t>(level) <= level_.load();
  }
  /// Write one line (newlines inside `text` are escaped so one event stays one line).
  void write(LogLevel level, std::string_view component, std::string_view text);

 private:
  std::atomic<uint32_t> level_{static_cast<uint32_t>(LogLevel::info)};
};

void log_error(std::string_view component, std::string_view text);
void log_warning(std::string_view component, std::string_view text);
void log_notice(std::string_view component, std::string_view text);
void log_info(std::string_view component, std::string_view text);
void log_debug(std::string_view component, std::string_view text);

}  // namespace lineside::kernel
