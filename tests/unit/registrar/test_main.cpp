// tests/unit/registrar/test_main.cpp: doctest entry point of the registrar's unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
