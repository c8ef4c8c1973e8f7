// kpml/kpml_pattern.cpp: checking a KPML digit pattern.
#include "kpml_pattern.hpp"

namespace lineside::kpml {
namespace {

bool kpml_char(char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd')) return true;
  switch (c) {
    case '*':
    case '#':
    case 'x':
    case 'X':
    case 'L':
    case '[':
    case ']':
    case '{':
    case '}':
    case '(':
    case ')':
    case '|':
    case '-':
    case ',':
    case '.':
    case '+':
    case '?':
    case '^':
    case '\\':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string pattern_problem(std::string_view pattern) {
  constexpr size_t kMaxPattern = 128;
  if (pattern.empty()) return "empty pattern";
  if (pattern.size() > kMaxPattern) return "pattern longer than 128 characters";
  int square = 0;
  int curly = 0;
  int round = 0;
  for (char c : pattern) {
    if (!kpml_char(c)) return "pattern has a character outside the KPML alphabet";
    square += c == '[' ? 1 : c == ']' ? -1 : 0;
    curly += c == '{' ? 1 : c == '}' ? -1 : 0;
    round += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (square < 0 || curly < 0 || round < 0 || square > 1 || curly > 1) {
      return "pattern brackets do not balance";
    }
  }
  if (square || curly || round) return "pattern brackets do not balance";
  return "";
}

}  // namespace lineside::kpml
