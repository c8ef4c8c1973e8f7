// bench/media/bencode.cpp: encoding a dictionary, and walking a reply for one string value.
#include "bencode.hpp"

#include <cctype>

namespace lineside::bench {
namespace {

std::string str(std::string_view s) {
  return std::to_string(s.size()) + ":" + std::string(s);
}

/// Skip one value at `pos`; false when malformed. `text` receives the value when it is a string.
bool skip(std::string_view d, size_t &pos, std::string_view *text, int depth = 0) {
  if (pos >= d.size() || depth > 32) return false;
  const char c = d[pos];
  if (std::isdigit(static_cast<unsigned char>(c))) {
    size_t len = 0;
    while (pos < d.size() && std::isdigit(static_cast<unsigned char>(d[pos])))
      len = len * 10 + (d[pos++] - '0');
    if (pos >= d.size() || d[pos] != ':' || pos + 1 + len > d.size()) return false;
    if (text) *text = d.substr(pos + 1, len);
    pos += 1 + len;
    return true;
  }
  if (c == 'i') {
    const size_t end = d.find('e', pos);
    if (end == std::string_view::npos) return false;
    pos = end + 1;
    return true;
  }
  if (c == 'l' || c == 'd') {
    ++pos;
    while (pos < d.size() && d[pos] != 'e') {
      if (!skip(d, pos, nullptr, depth + 1)) return false;
    }
    if (pos >= d.size()) return false;
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

BencodeDict &BencodeDict::add(std::string_view key, std::string_view value) {
  body_ += str(key) + str(value);
  return *this;
}

BencodeDict &BencodeDict::add(std::string_view key, const std::vector<std::string> &values) {
  body_ += str(key) + "l";
  for (const auto &v : values) body_ += str(v);
  body_ += "e";
  return *this;
}

std::optional<std::string> bencode_string(std::string_view d, std::string_view key) {
  if (d.empty() || d[0] != 'd') return std::nullopt;
  size_t pos = 1;
  while (pos < d.size() && d[pos] != 'e') {
    std::string_view k;
    if (!skip(d, pos, &k)) return std::nullopt;
    std::string_view v;
    const bool is_string = pos < d.size() && std::isdigit(static_cast<unsigned char>(d[pos]));
    if (!skip(d, pos, is_string ? &v : nullptr)) return std::nullopt;
    if (k == key && is_string) return std::string(v);
  }
  return std::nullopt;
}

}  // namespace lineside::bench
