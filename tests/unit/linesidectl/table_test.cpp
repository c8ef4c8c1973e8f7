// tests/unit/linesidectl/table_test.cpp: aligned tables and key/value listings.
#include <doctest/doctest.h>

#include <stdexcept>

#include "linesidectl/table.hpp"

using namespace lineside::ctl;

TEST_CASE("columns are as wide as their widest cell, two spaces apart, with no trailing blanks") {
  Table t({"ID", "DN", "NAME"});
  t.add({"dev-1001", "1001", "Ext 1001"});
  t.add({"d2", "20015", "Reception"});
  CHECK(t.render() ==
        "ID        DN     NAME\n"
        "dev-1001  1001   Ext 1001\n"
        "d2        20015  Reception\n");
  CHECK(t.rows() == 2);
}

TEST_CASE("empty and missing cells print as '-'; an empty last column leaves no trailing blank") {
  Table t({"A", "B", "C"});
  t.add({"x", ""});
  t.add({"longer", "y", ""});
  CHECK(t.render() ==
        "A       B  C\n"
        "x       -  -\n"
        "longer  y  -\n");
}

TEST_CASE("a table without rows is its header line") {
  Table t({"USER", "CONTACT"});
  CHECK(t.render() == "USER  CONTACT\n");
}

TEST_CASE("a row with more cells than headers is a programming error") {
  Table t({"ONE"});
  CHECK_THROWS_AS(t.add({"a", "b"}), std::logic_error);
}

TEST_CASE("widths count UTF-8 code points, not bytes") {
  CHECK(text_width("Zoë") == 3);
  Table t({"NAME", "DN"});
  t.add({"Zoë", "1"});
  t.add({"Bob", "2"});
  CHECK(t.render() == "NAME  DN\nZoë   1\nBob   2\n");
}

TEST_CASE("key/value listings align the values") {
  CHECK(render_fields({{"id", "dev-1"}, {"display_name", ""}, {"dn", "1001"}}) ==
        "id:            dev-1\n"
        "display_name:  -\n"
        "dn:            1001\n");
}
