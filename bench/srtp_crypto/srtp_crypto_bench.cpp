// bench/srtp_crypto/srtp_crypto_bench.cpp: SRTP protect+unprotect cost per packet against the
// number of live sessions, on libsrtp2's stock crypto or on Lineside's OpenSSL backend (one per
// process).
#include <openssl/crypto.h>
#include <srtp2/auth.h>
#include <srtp2/cipher.h>
#include <srtp2/srtp.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "core/sdes_attribute.hpp"
#include "core/srtp_backend.hpp"
#include "core/srtp_stream.hpp"

// libsrtp2's own types and kernel lookup: exported by libsrtp2.so, not declared in its headers.
extern "C" const srtp_cipher_type_t srtp_aes_icm_128;
extern "C" const srtp_cipher_type_t srtp_aes_icm_256;
extern "C" const srtp_auth_type_t srtp_hmac;
extern "C" const srtp_cipher_type_t srtp_aes_gcm_128;
extern "C" srtp_err_status_t srtp_crypto_kernel_alloc_cipher(srtp_cipher_type_id_t id,
                                                             srtp_cipher_pointer_t *cp, int key_len,
                                                             int tag_len);
extern "C" srtp_err_status_t srtp_crypto_kernel_alloc_auth(srtp_auth_type_id_t id,
                                                           srtp_auth_pointer_t *ap, int key_len,
                                                           int out_len);

using namespace lineside::srtp;
using namespace lineside::srtp::bench;

namespace {

/// One call leg's SRTP: what the relay's sender and the phone's receiver would hold.
struct Leg {
  std::unique_ptr<SrtpStream> sender;
  std::unique_ptr<SrtpStream> receiver;
  uint32_t ssrc = 0;
  uint16_t seq = 0;
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

/// Puts libsrtp2's original AES-ICM, AES-GCM and HMAC-SHA1 back, as if Lineside's backend were
/// absent.
bool use_stock_backend() {
  return srtp_replace_cipher_type(&srtp_aes_icm_128, SRTP_AES_ICM_128) == srtp_err_status_ok &&
         srtp_replace_cipher_type(&srtp_aes_icm_256, SRTP_AES_ICM_256) == srtp_err_status_ok &&
         srtp_replace_cipher_type(&srtp_aes_gcm_128, SRTP_AES_GCM_128) == srtp_err_status_ok &&
         srtp_replace_auth_type(&srtp_hmac, SRTP_HMAC_SHA1) == srtp_err_status_ok;
}

/// What libsrtp2's crypto kernel hands out for the suite now: "cipher description + auth".
std::string kernel_types_in_use(Suite suite) {
  bool gcm = suite == Suite::aead_aes_128_gcm;
  srtp_cipher_t *cipher = nullptr;
  if (srtp_crypto_kernel_alloc_cipher(gcm ? SRTP_AES_GCM_128 : SRTP_AES_ICM_128, &cipher,
                                      gcm ? 28 : 30, 16) != srtp_err_status_ok) {
    return "(cipher unavailable)";
  }
  std::string description = cipher->type->description;
  srtp_cipher_dealloc(cipher);
  if (gcm) return description;
  srtp_auth_t *auth = nullptr;
  if (srtp_crypto_kernel_alloc_auth(SRTP_HMAC_SHA1, &auth, 20, 10) != srtp_err_status_ok) {
    return description + " + (HMAC-SHA1 unavailable)";
  }
  description += std::string(" + ") + auth->type->description;
  srtp_auth_dealloc(auth);
  return description;
}

void fill_header(std::vector<uint8_t> &packet, const std::vector<uint8_t> &plain, Leg &leg) {
  std::copy(plain.begin(), plain.end(), packet.begin());
  packet[2] = static_cast<uint8_t>(leg.seq >> 8);
  packet[3] = static_cast<uint8_t>(leg.seq);
  for (int i = 0; i < 4; ++i) packet[8 + i] = static_cast<uint8_t>(leg.ssrc >> (24 - 8 * i));
  ++leg.seq;
}

struct Row {
  double create_us = 0;
  double cpu_us_per_packet = 0;
  double wall_us_per_packet = 0;
  unsigned long packets = 0;
  unsigned long failures = 0;
  double kb_per_session =
      0;  // resident memory per session pair (the first run also pays one-time set-up)
};

Row measure(const BenchOptions &options, unsigned sessions) {
  Row row;
  std::vector<Leg> legs(sessions);
  double rss_before = resident_mb();
  auto created = std::chrono::steady_clock::now();
  for (unsigned i = 0; i < sessions; ++i) {
    CryptoAttribute attr = generate_crypto(1, options.suite);
    std::string error;
    legs[i].sender = SrtpStream::create(attr, Direction::outbound, error);
    legs[i].receiver = SrtpStream::create(attr, Direction::inbound, error);
    if (!legs[i].sender || !legs[i].receiver) {
      std::fprintf(stderr, "session %u: %s\n", i, error.c_str());
      std::exit(1);
    }
    legs[i].ssrc = 0x10000000u + i;
    legs[i].seq = static_cast<uint16_t>(i * 7919);
  }
  row.create_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - created)
          .count() /
      sessions;

  const size_t plain_len = 12 + options.payload;
  std::vector<uint8_t> plain(plain_len);
  plain[0] = 0x80;
  for (size_t i = 12; i < plain_len; ++i) plain[i] = static_cast<uint8_t>(0xd5 ^ i);
  std::vector<uint8_t> packet(plain_len + SrtpStream::kMaxTrailer);
  auto round_trip = [&](Leg &leg) {
    fill_header(packet, plain, leg);
    size_t len = plain_len;
    bool ok = leg.sender->protect_rtp(packet.data(), len, packet.size()) &&
              leg.receiver->unprotect_rtp(packet.data(), len) && len == plain_len;
    row.failures += ok ? 0 : 1;
  };
  for (Leg &leg : legs) round_trip(leg);  // first packet per SSRC: libsrtp2 clones its stream
  row.kb_per_session = (resident_mb() - rss_before) * 1024.0 / sessions;

  const unsigned batch = sessions < 1000 ? 1000 : sessions;
  size_t next = 0;
  double cpu_start = thread_cpu_seconds();
  auto wall_start = std::chrono::steady_clock::now();
  double elapsed = 0;
  do {
    for (unsigned k = 0; k < batch; ++k) {
      round_trip(legs[next]);
      next = next + 1 == sessions ? 0 : next + 1;
    }
    row.packets += batch;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  } while (elapsed < options.seconds);
  row.cpu_us_per_packet = (thread_cpu_seconds() - cpu_start) * 1e6 / row.packets;
  row.wall_us_per_packet = elapsed * 1e6 / row.packets;
  return row;
}

}  // namespace

int main(int argc, char **argv) {
  BenchOptions options;
  if (!parse_options(argc, argv, options)) return 2;
  std::string error;
  if (!install_srtp_backend(error)) {
    std::fprintf(stderr, "SRTP backend: %s\n", error.c_str());
    return 1;
  }
  if (options.backend == Backend::stock && !use_stock_backend()) {
    std::fprintf(stderr, "libsrtp2 refused its own types back\n");
    return 1;
  }
  if (!suite_available(options.suite)) {
    std::fprintf(stderr, "%s is not available in this libsrtp2 build\n", suite_name(options.suite));
    return 1;
  }
  std::printf("libsrtp2 %s, %s\n", srtp_get_version_string(), OpenSSL_version(OPENSSL_VERSION));
  std::printf("suite %s, %u-byte RTP packets, protect (sender) + unprotect (receiver) per packet\n",
              suite_name(options.suite), 12 + options.payload);
  std::printf("crypto in use: %s\n", kernel_types_in_use(options.suite).c_str());
  std::printf("%-8s %10s %16s %16s %12s %9s %14s\n", "sessions", "create_us", "cpu_us_per_pkt",
              "wall_us_per_pkt", "packets", "failures", "rss_KB_per_pair");
  for (unsigned sessions : options.session_counts) {
    Row row = measure(options, sessions);
    std::printf("%-8u %10.1f %16.3f %16.3f %12lu %9lu %14.2f\n", sessions, row.create_us,
                row.cpu_us_per_packet, row.wall_us_per_packet, row.packets, row.failures,
                row.kb_per_session);
    std::fflush(stdout);
  }
  return 0;
}
