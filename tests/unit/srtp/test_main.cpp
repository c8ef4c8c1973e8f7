// tests/unit/srtp/test_main.cpp: doctest entry point of the srtp-media core's unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
