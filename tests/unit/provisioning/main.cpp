// tests/unit/provisioning/main.cpp: doctest runner for the provisioning unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
