// tests/unit/routes/dial_pattern_test.cpp: pattern syntax, matching and the specificity order.
#include "dial_pattern.hpp"

#include <doctest/doctest.h>

using lineside::routes::DialPattern;
using lineside::routes::more_specific;

namespace {

DialPattern must(const std::string &text) {
  std::string why;
  auto p = DialPattern::parse(text, why);
  REQUIRE_MESSAGE(p.has_value(), why);
  return *p;
}

std::string refusal(const std::string &text) {
  std::string why;
  CHECK_FALSE(DialPattern::parse(text, why).has_value());
  return why;
}

}  // namespace

TEST_CASE("a pattern without _ matches exactly its characters") {
  const DialPattern p = must("911");
  CHECK(p.match("911"));
  CHECK_FALSE(p.match("9111"));
  CHECK_FALSE(p.match("91"));
  // Without the leading _ nothing is special: X is not a digit, so "X11" is refused.
  CHECK(refusal("X11").find("'X' is not allowed") != std::string::npos);
}

TEST_CASE("Asterisk wildcards X Z N, classes, ranges and trailing . and !") {
  const DialPattern nanp = must("_9NXXNXXXXXX");
  CHECK(nanp.match("96135550100"));
  CHECK_FALSE(nanp.match("91135550100"));   // N is 2-9
  CHECK_FALSE(nanp.match("9613555010"));    // one digit short
  CHECK_FALSE(nanp.match("961355501000"));  // one too many
  CHECK(must("_Z").match("1"));
  CHECK_FALSE(must("_Z").match("0"));
  CHECK(must("_[13-5]").match("4"));
  CHECK_FALSE(must("_[13-5]").match("2"));
  CHECK(must("_[*#]").match("#"));
  const DialPattern prefix = must("_9.");
  CHECK(prefix.match("91"));
  CHECK(prefix.match("9011441234567#"));
  CHECK_FALSE(prefix.match("9"));  // . needs at least one more
  CHECK(must("_9!").match("9"));
  CHECK(must("_+1NXX.").match("+16135550100"));
  CHECK(must("_9-1-NXX-NXX-XXXX").match("916135550100"));  // dashes are separators
  CHECK_FALSE(prefix.match("9abc"));                       // only dialable characters
}

TEST_CASE("broken patterns are refused with the reason") {
  CHECK(refusal("").find("empty") != std::string::npos);
  CHECK(refusal("_").find("empty") != std::string::npos);
  CHECK(refusal("_9.X").find("must end") != std::string::npos);
  CHECK(refusal("_9[12").find("unclosed") != std::string::npos);
  CHECK(refusal("_9[]").find("empty []") != std::string::npos);
  CHECK(refusal("_9[5-1]").find("bad range") != std::string::npos);
  CHECK(refusal("_9Q").find("'Q' is not allowed") != std::string::npos);
  CHECK(refusal("9 11").find("' ' is not allowed") != std::string::npos);
}

TEST_CASE("the narrower token at the first difference wins") {
  const std::string dialled = "96135550100";
  const auto literal = *must("96135550100").match(dialled);
  const auto nanp = *must("_9NXXNXXXXXX").match(dialled);
  const auto local = *must("_96XXNXXXXXX").match(dialled);
  const auto any = *must("_9.").match(dialled);
  const auto all = *must("_X.").match(dialled);
  CHECK(more_specific(literal, local));
  CHECK(more_specific(local, nanp));
  CHECK(more_specific(nanp, any));
  CHECK(more_specific(any, all));
  CHECK_FALSE(more_specific(any, nanp));
  CHECK_FALSE(more_specific(nanp, nanp));  // equal: neither wins (the first listed keeps it)
}

TEST_CASE("dialable() accepts 0-9 * # + only") {
  using lineside::routes::dialable;
  CHECK(dialable("+1*23#"));
  CHECK_FALSE(dialable(""));
  CHECK_FALSE(dialable("12a"));
}
