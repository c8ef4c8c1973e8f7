// config/key_suggestion.hpp: the "unknown key" message, with a suggestion of the closest known key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lineside::kernel {

/// Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters.
size_t edit_distance(std::string_view a, std::string_view b);

/// "unknown key", or "unknown key (did you mean 'x'?)" when a known key is within edit distance 2
/// (the closest one; the first listed on a tie).
std::string unknown_key_message(std::string_view key, const std::vector<std::string> &known_keys);

} // namespace lineside::kernel
