// billing/text_encoding.cpp: JSON escaping, CSV quoting and ISO-8601 time text.
#include "text_encoding.hpp"

#include "lineside/json_text.hpp"

#include <cstdio>
#include <ctime>

namespace lineside::billing {

std::string json_string(std::string_view text) { return json_text::quote(text); }

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string iso8601_utc(int64_t unix_ms) {
  const int64_t ms = ((unix_ms % 1000) + 1000) % 1000;
  const time_t seconds = static_cast<time_t>((unix_ms - ms) / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace lineside::billing
