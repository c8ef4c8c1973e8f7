// tests/unit/kpml/test_main.cpp: doctest entry point of the kpml module's unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
