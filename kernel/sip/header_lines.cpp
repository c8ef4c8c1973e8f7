// sip/header_lines.cpp: validation of module-supplied header lines and identity strings.
#include "sip/header_lines.hpp"

#include <strings.h>

#include <cctype>
#include <cstring>

namespace lineside::kernel {

namespace {
bool token_char(unsigned char c) {
  return std::isalnum(c) || std::strchr("-.!%*_+`'~", c) != nullptr;
}
}  // namespace

bool valid_header_lines(const char *lines) {
  if (!lines) return true;
  std::string_view rest(lines);
  while (!rest.empty()) {
    const size_t end = rest.find("\r\n");
    if (end == std::string_view::npos) return false;
    const std::string_view line = rest.substr(0, end);
    const size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return false;
    for (size_t i = 0; i < colon; ++i) {
      if (!token_char(static_cast<unsigned char>(line[i]))) return false;
    }
    for (char c : line.substr(colon + 1)) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && u != '\t') || u == 0x7f) return false;
    }
    rest.remove_prefix(end + 2);
  }
  return true;
}

bool has_header_line(std::string_view lines, std::string_view name) {
  while (!lines.empty()) {
    const size_t end = lines.find("\r\n");
    const std::string_view line = lines.substr(0, end);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view n = line.substr(0, colon);
      while (!n.empty() && (n.back() == ' ' || n.back() == '\t')) n.remove_suffix(1);
      if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return true;
    }
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 2);
  }
  return false;
}

bool valid_uri_user(std::string_view user) {
  if (user.empty() || user.size() > 64) return false;
  for (char c : user) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && !std::strchr("-_.!~*'()%&=+$,;?/", c)) return false;
  }
  return true;
}

bool valid_display_name(std::string_view name) {
  if (name.size() > 64) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace lineside::kernel
