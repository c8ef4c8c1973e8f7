// tests/unit/emergency/test_main.cpp: doctest entry point of the emergency module's unit tests
// (SIGPIPE ignored as the daemon does: a test server may close a socket the client writes to).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char **argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return doctest::Context(argc, argv).run();
}
