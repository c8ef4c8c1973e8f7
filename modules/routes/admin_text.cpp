// routes/admin_text.cpp: resource names, percent-decoding, query parameters, refusal JSON.
#include "admin_text.hpp"

#include "json_value.hpp"

namespace lineside::admin_text {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> resource_name(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = path.substr(prefix.size());
  if (rest.empty() || rest == "/") return std::string();
  if (rest.front() != '/') return std::nullopt;
  rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
  auto decoded = percent_decode(rest, false);
  if (!decoded || decoded->empty()) return std::nullopt;
  return decoded;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> query_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return percent_decode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::string refusal_json(const std::string &summary, const std::vector<FieldError> &errors) {
  std::string out = "{\"error\":" + json::quote(summary);
  if (!errors.empty()) {
    out += ",\"errors\":[";
    for (size_t i = 0; i < errors.size(); ++i) {
      const FieldError &e = errors[i];
      if (i) out += ",";
      out += "{\"field\":" + json::quote(e.field) + ",\"rule\":" + json::quote(e.rule) +
             ",\"message\":" + json::quote(e.message) + "}";
    }
    out += "]";
  }
  return out + "}";
}

}  // namespace lineside::admin_text
