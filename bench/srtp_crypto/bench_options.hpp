// bench/srtp_crypto/bench_options.hpp: command line of the SRTP crypto micro-benchmark.
#pragma once

#include <string>
#include <vector>

#include "core/crypto_suite.hpp"

namespace lineside::srtp::bench {

enum class Backend { stock, openssl };

struct BenchOptions {
  Backend backend = Backend::openssl;
  Suite suite = Suite::aes_cm_128_hmac_sha1_80;
  std::vector<unsigned> session_counts{1, 100, 1000, 6000};
  double seconds = 2.0;    // measuring time per session count (at least one packet per session)
  unsigned payload = 160;  // RTP payload bytes: 160 + 12-byte header = 172 (20 ms of G.711)
};

/// Parses argv; on a bad or --help argument prints usage to stderr and returns false.
bool parse_options(int argc, char **argv, BenchOptions &options);

}  // namespace lineside::srtp::bench
