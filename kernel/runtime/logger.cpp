// runtime/logger.cpp: formatting and writing of log lines to stderr.
#include "runtime/logger.hpp"

#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <mutex>

namespace lineside::kernel {

namespace {
std::mutex g_write_mutex;
const char *const kNames[] = {"ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"};
}  // namespace

LogLevel parse_log_level(std::string_view text) {
  if (text == "error") return LogLevel::error;
  if (text == "warning") return LogLevel::warning;
  if (text == "notice") return LogLevel::notice;
  if (text == "debug") return LogLevel::debug;
  return LogLevel::info;
}

const char *log_level_name(LogLevel level) {
  const auto i = static_cast<uint32_t>(level);
  return i < 5 ? kNames[i] : "INFO";
}

Logger &Logger::instance() {
  static Logger logger;
  return logger;
}

void Logger::write(LogLevel level, std::string_view component, std::string_view text) {
  if (!enabled(level)) return;
  timeval tv{};
  gettimeofday(&tv, nullptr);
  tm utc{};
  gmtime_r(&tv.tv_sec, &utc);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long>(tv.tv_usec / 1000));
  std::string line;
  line.reserve(text.size() + component.size() + 48);
  line.append(stamp).append(" ").append(log_level_name(level)).append(" [");
  line.append(component).append("] ");
  for (char c : text) {
    if (c == '\n') {
      line.append("\\n");
    } else if (c == '\r') {
      line.append("\\r");
    } else {
      line.push_back(c);
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  line.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  size_t off = 0;
  while (off < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

void log_error(std::string_view c, std::string_view t) { Logger::instance().write(LogLevel::error, c, t); }
void log_warning(std::string_view c, std::string_view t) { Logger::instance().write(LogLevel::warning, c, t); }
void log_notice(std::string_view c, std::string_view t) { Logger::instance().write(LogLevel::notice, c, t); }
void log_info(std::string_view c, std::string_view t) { Logger::instance().write(LogLevel::info, c, t); }
void log_debug(std::string_view c, std::string_view t) { Logger::instance().write(LogLevel::debug, c, t); }

}  // namespace lineside::kernel
