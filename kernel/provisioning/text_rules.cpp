// provisioning/text_rules.cpp: character-class checks of provisioning values.
#include "provisioning/text_rules.hpp"

#include <string_view>

namespace lineside::kernel {

namespace {
bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

template <class Pred>
bool all_of(const std::string &s, size_t min, size_t max, Pred ok) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    if (!ok(c)) return false;
  }
  return true;
}
}  // namespace

bool valid_id(const std::string &s) {
  return all_of(s, 1, 64, [](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool valid_sip_user(const std::string &s) {
  return all_of(s, 1, 64, [](char c) {
    return alnum(c) || std::string_view("-_.!~*'()&=+$,").find(c) != std::string_view::npos;
  });
}

bool valid_dn(const std::string &s) {
  return all_of(s, 1, 20, [](char c) { return digit(c) || c == '*' || c == '#'; });
}

bool valid_cesid(const std::string &s) { return all_of(s, 7, 12, digit); }

bool valid_hex(const std::string &s, size_t digits) {
  return all_of(s, digits, digits, [](char c) { return digit(c) || (c >= 'a' && c <= 'f'); });
}

bool valid_host_port(const std::string &s) {
  return all_of(s, 1, 255, [](char c) { return alnum(c) || std::string_view(".-[]:").find(c) != std::string_view::npos; });
}

bool printable(const std::string &s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace lineside::kernel
