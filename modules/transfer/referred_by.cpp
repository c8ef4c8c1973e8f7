// transfer/referred_by.cpp: checking and building Referred-By values.
#include "referred_by.hpp"

#include "uri_text.hpp"

namespace lineside::transfer {

bool valid_referred_by(std::string_view value) {
  constexpr size_t kMaxReferredBy = 512;
  value = trim(value);
  if (value.empty() || value.size() > kMaxReferredBy) return false;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return false;
  }
  const size_t open = value.find('<');
  std::string_view uri = value;
  if (open != std::string_view::npos) {
    const size_t close = value.find('>', open);
    if (close == std::string_view::npos || value.find('<', open + 1) < close) return false;
    uri = value.substr(open + 1, close - open - 1);
  }
  const std::string scheme = lower(uri.substr(0, uri.find(':')));
  return (scheme == "sip" || scheme == "sips") && uri.find(':') + 1 < uri.size();
}

std::string build_referred_by(std::string_view user, std::string_view display,
                              std::string_view domain) {
  std::string name;
  for (char c : display) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) continue;
    if (c == '"' || c == '\\') name.push_back('\\');
    name.push_back(c);
  }
  const std::string uri = "<sip:" + std::string(user) + "@" + std::string(domain) + ">";
  return name.empty() ? uri : "\"" + name + "\" " + uri;
}

}  // namespace lineside::transfer
