// emergency/cesid_rules.cpp: CESID and DN checks with messages that say what is wrong.
#include "cesid_rules.hpp"

namespace lineside::emergency {
namespace {

bool all_digits(const std::string &s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<admin_text::FieldError> cesid_problem(const std::string &value,
                                                    const std::string &field) {
  const std::string rule = "expected 7 to 12 digits";
  if (value.empty()) return admin_text::FieldError{field, "required", rule + ", got nothing"};
  if (!all_digits(value)) {
    return admin_text::FieldError{
        field, "format", rule + " (0-9 only), got a non-digit in '" + value.substr(0, 20) + "'"};
  }
  if (value.size() < kCesidMinDigits || value.size() > kCesidMaxDigits) {
    return admin_text::FieldError{field, "format",
                                  rule + ", got " + std::to_string(value.size()) + " digits"};
  }
  return std::nullopt;
}

bool dialable_number(const std::string &value) {
  if (value.empty() || value.size() > 20) return false;
  for (char c : value) {
    if ((c < '0' || c > '9') && c != '*' && c != '#' && c != '+') return false;
  }
  return true;
}

std::optional<admin_text::FieldError> dn_problem(const std::string &value,
                                                 const std::string &field) {
  const std::string rule = "expected 1 to 20 of 0-9 * #";
  if (value.empty()) return admin_text::FieldError{field, "required", rule + ", got nothing"};
  if (value.size() > 20)
    return admin_text::FieldError{field, "format",
                                  rule + ", got " + std::to_string(value.size()) + " characters"};
  for (char c : value) {
    if ((c < '0' || c > '9') && c != '*' && c != '#')
      return admin_text::FieldError{field, "format", rule + ", got '" + value + "'"};
  }
  return std::nullopt;
}

}  // namespace lineside::emergency
