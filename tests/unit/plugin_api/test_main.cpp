// test_main.cpp: the doctest runner of the plugin-api unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
