// tests/unit/kernel/main.cpp: doctest runner for the kernel unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
