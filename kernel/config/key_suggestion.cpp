// config/key_suggestion.cpp: edit distance and the "did you mean" suggestion for unknown keys.
#include "config/key_suggestion.hpp"

#include <algorithm>

namespace lineside::kernel {

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance over three rolling rows.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::string unknown_key_message(std::string_view key, const std::vector<std::string> &known_keys) {
  constexpr size_t kMaxSuggestionDistance = 2;
  const std::string *best = nullptr;
  size_t best_distance = kMaxSuggestionDistance + 1;
  for (const std::string &known : known_keys) {
    const size_t distance = edit_distance(key, known);
    if (distance < best_distance) {
      best = &known;
      best_distance = distance;
    }
  }
  if (best == nullptr) return "unknown key";
  return "unknown key (did you mean '" + *best + "'?)";
}

} // namespace lineside::kernel
