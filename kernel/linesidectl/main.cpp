// linesidectl/main.cpp: linesidectl, the command-line client of the lineside admin API.
#include <Poco/Net/SSLManager.h>

#include <cstdlib>
#include <iostream>

#include "linesidectl/ctl_main.hpp"

int main(int argc, char **argv) {
  Poco::Net::initializeSSL();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int rc = lineside::ctl::ctl_main(
      args, [](const char *name) { return std::getenv(name); }, std::cin, std::cout, std::cerr);
  std::cout.flush();
  Poco::Net::uninitializeSSL();
  return rc;
}
