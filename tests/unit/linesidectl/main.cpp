// tests/unit/linesidectl/main.cpp: doctest runner for the linesidectl unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
