// kpml/kpml_pattern.hpp: checking a KPML digit pattern (RFC 4730 regex) before it is sent to a
// phone, so no markup or control text can travel inside the request document.
#pragma once

#include <string>
#include <string_view>

namespace lineside::kpml {

/// "" when `pattern` is a usable KPML regex: 1..128 characters from the KPML alphabet (digits,
/// * # A-D, x, L for long presses, [ ] { } ( ) | - , . + ? ^ and escapes), brackets and braces
/// balanced; otherwise why not.
std::string pattern_problem(std::string_view pattern);

}  // namespace lineside::kpml
