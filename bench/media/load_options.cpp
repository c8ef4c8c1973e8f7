// bench/media/load_options.cpp: parsing the media load tool's arguments.
#include "load_options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lineside::bench {
namespace {

void usage() {
  std::fprintf(
      stderr,
      "usage: media_load --relay lineside|rtpengine --port PORT [--server 127.0.0.1]\n"
      "                  [--calls N] [--warmup S] [--seconds S] [--relay-pid PID]\n"
      "                  [--caller 2001] [--callee 2002]\n"
      "  lineside:  PORT is its SIP UDP port; the caller and callee devices have auth off,\n"
      "             the caller may use SRTP and keys may go over UDP (bench config)\n"
      "  rtpengine: PORT is its NG control port\n"
      "Prints one JSON object: setup, packets sent/received per direction, loss, one-way\n"
      "delay percentiles and the relay's CPU per relayed packet.\n");
}

}  // namespace

bool parse_load_options(int argc, char **argv, LoadOptions &o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) {
      usage();
      return false;
    }
    const char *value = argv[++i];
    if (arg == "--relay") {
      const std::string_view v = value;
      if (v != "lineside" && v != "rtpengine") {
        usage();
        return false;
      }
      o.relay = v == "lineside" ? RelayKind::lineside : RelayKind::rtpengine;
    } else if (arg == "--server") {
      o.server = value;
    } else if (arg == "--port") {
      o.control_port = static_cast<uint16_t>(std::atoi(value));
    } else if (arg == "--calls") {
      o.calls = static_cast<unsigned>(std::atoi(value));
    } else if (arg == "--warmup") {
      o.warmup_s = std::atof(value);
    } else if (arg == "--seconds") {
      o.seconds = std::atof(value);
    } else if (arg == "--relay-pid") {
      o.relay_pid = std::atoi(value);
    } else if (arg == "--caller") {
      o.caller = value;
    } else if (arg == "--callee") {
      o.callee = value;
    } else {
      usage();
      return false;
    }
  }
  if (o.control_port == 0 || o.calls == 0 || o.seconds <= 0) {
    usage();
    return false;
  }
  return true;
}

}  // namespace lineside::bench
