// emergency/cesid_rules.hpp: what a CESID and a DN may look like (Mitel MiVB 6.0+: a CESID is a
// listed directory number of 7 to 12 digits).
#pragma once

#include <optional>
#include <string>

#include "admin_text.hpp"

namespace lineside::emergency {

constexpr size_t kCesidMinDigits = 7;
constexpr size_t kCesidMaxDigits = 12;

/// The broken rule of a CESID value, reported under `field` (rule "format"), or nothing.
std::optional<admin_text::FieldError> cesid_problem(const std::string &value,
                                                    const std::string &field);

/// The broken rule of a DN (1-20 of 0-9 * #), reported under `field` (rule "format"), or nothing.
std::optional<admin_text::FieldError> dn_problem(const std::string &value,
                                                 const std::string &field);

/// True for 1 to 20 of 0-9 * # + (a number that can be dialled or sent to a trunk).
bool dialable_number(const std::string &value);

/// True for a valid CESID.
inline bool valid_cesid(const std::string &value) {
  return !cesid_problem(value, "").has_value();
}

}  // namespace lineside::emergency
