// bench/media/load_options.hpp: command line of the media load tool.
#pragma once

#include <cstdint>
#include <string>

namespace lineside::bench {

enum class RelayKind { lineside, rtpengine };

struct LoadOptions {
  RelayKind relay = RelayKind::lineside;
  std::string server = "127.0.0.1";  ///< the relay's control address (SIP or NG)
  uint16_t control_port = 0;         ///< Lineside's SIP UDP port, or rtpengine's NG port
  unsigned calls = 100;              ///< concurrent calls
  double warmup_s = 2.0;             ///< media before the measurement starts
  double seconds = 10.0;             ///< measurement window
  int relay_pid = 0;                 ///< process whose CPU time is measured (0: none)
  std::string caller = "2001";       ///< Lineside: the calling device's SIP user (auth off)
  std::string callee = "2002";       ///< Lineside: the called device's SIP user (auth off)
};

/// Parses argv; prints usage to stderr and returns false on a bad or --help argument.
bool parse_load_options(int argc, char **argv, LoadOptions &options);

}  // namespace lineside::bench
