// bench/srtp_crypto/bench_options.cpp: command line of the SRTP crypto micro-benchmark.
#include "bench_options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lineside::srtp::bench {
namespace {

void usage() {
  std::fputs(
      "usage: srtp_crypto_bench [--backend stock|openssl] [--suite NAME] [--sessions 1,100,...]\n"
      "                         [--seconds S] [--payload BYTES]\n"
      "  --backend   stock: libsrtp2's own AES-ICM/HMAC-SHA1 (NSS on Debian);\n"
      "              openssl: Lineside's OpenSSL EVP types (default). Process-wide, so one per "
      "run.\n"
      "  --suite     AES_CM_128_HMAC_SHA1_80 (default), AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM\n"
      "  --sessions  live session pairs (one outbound + one inbound each), default "
      "1,100,1000,6000\n"
      "  --seconds   measuring time per session count, default 2 (at least one round)\n"
      "  --payload   RTP payload bytes, default 160 (a 172-byte packet)\n",
      stderr);
}

bool parse_counts(std::string_view text, std::vector<unsigned> &counts) {
  counts.clear();
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string item(text.substr(0, comma));
    char *end = nullptr;
    unsigned long value = std::strtoul(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || value == 0 || value > 100000) return false;
    counts.push_back(static_cast<unsigned>(value));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return !counts.empty();
}

}  // namespace

bool parse_options(int argc, char **argv, BenchOptions &options) {
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help" || i + 1 >= argc) {
      usage();
      return false;
    }
    std::string_view value = argv[++i];
    bool ok = true;
    if (flag == "--backend") {
      ok = value == "stock" || value == "openssl";
      options.backend = value == "stock" ? Backend::stock : Backend::openssl;
    } else if (flag == "--suite") {
      auto suite = suite_from_name(value);
      ok = suite.has_value();
      if (ok) options.suite = *suite;
    } else if (flag == "--sessions") {
      ok = parse_counts(value, options.session_counts);
    } else if (flag == "--seconds") {
      options.seconds = std::atof(std::string(value).c_str());
      ok = options.seconds > 0 && options.seconds <= 600;
    } else if (flag == "--payload") {
      options.payload = static_cast<unsigned>(std::atoi(std::string(value).c_str()));
      ok = options.payload >= 1 && options.payload <= 1400;
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr, "bad argument: %s %s\n", argv[i - 1], argv[i]);
      usage();
      return false;
    }
  }
  return true;
}

}  // namespace lineside::srtp::bench
