// bench/media/media_load.cpp: the media load tool: sets N calls up through a relay (Lineside or
// rtpengine), runs SRTP<->RTP G.711 media both ways, prints loss, delay and relay CPU as JSON.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "call_plan.hpp"
#include "core/srtp_backend.hpp"
#include "load_options.hpp"
#include "media_traffic.hpp"

using namespace lineside;
using namespace lineside::bench;

namespace {

struct ProcessCpu {
  double user_s = 0;
  double system_s = 0;
};

/// utime and stime of every thread of `pid`, in seconds (0 when unreadable).
ProcessCpu process_cpu(int pid) {
  if (pid <= 0) return {};
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return {};
  std::istringstream rest(stat.substr(paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return {static_cast<double>(utime) / ticks, static_cast<double>(stime) / ticks};
}

double self_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string direction_json(const DirectionResult &d) {
  char buf[640];
  const uint64_t lost = d.sent > d.received ? d.sent - d.received : 0;
  std::snprintf(
      buf, sizeof buf,
      "{\"sent\": %llu, \"received\": %llu, \"lost\": %llu, \"undecodable\": %llu, "
      "\"timed\": %llu, \"p50_us\": %.0f, \"p99_us\": %.0f, \"p999_us\": %.0f, \"max_us\": %.0f, "
      "\"jitter_mean_us\": %.1f, \"jitter_max_us\": %.1f}",
      static_cast<unsigned long long>(d.sent), static_cast<unsigned long long>(d.received),
      static_cast<unsigned long long>(lost), static_cast<unsigned long long>(d.undecodable),
      static_cast<unsigned long long>(d.delays.count()), d.delays.percentile_us(0.5),
      d.delays.percentile_us(0.99), d.delays.percentile_us(0.999), d.delays.max_us(),
      d.jitter_mean_us, d.jitter_max_us);
  return buf;
}

}  // namespace

int main(int argc, char **argv) {
  LoadOptions o;
  if (!parse_load_options(argc, argv, o)) return 2;
  std::string error;
  if (!srtp::install_srtp_backend(error)) {
    std::fprintf(stderr, "media_load: SRTP backend: %s\n", error.c_str());
    return 1;
  }
  try {
    UdpSocket a(0, 32 << 20);
    UdpSocket b(0, 32 << 20);
    std::vector<CallPlan> plans(o.calls);
    for (uint32_t i = 0; i < o.calls; ++i) {
      plans[i].index = i;
      plans[i].ssrc_a = 0x10000000 + i;
      plans[i].ssrc_b = 0x20000000 + i;
      plans[i].a_key = srtp::generate_crypto(1, srtp::Suite::aes_cm_128_hmac_sha1_80);
    }
    auto setup = o.relay == RelayKind::lineside ? lineside_setup(o) : rtpengine_setup(o);
    const auto t0 = std::chrono::steady_clock::now();
    error = setup->setup(plans, a.port(), b.port());
    const double setup_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!error.empty()) {
      std::fprintf(stderr, "media_load: %s\n", error.c_str());
      setup->teardown(plans);
      return 1;
    }
    MediaTraffic traffic(plans, a, b);
    ProcessCpu relay_cpu0, relay_cpu1;
    double self0 = 0, self1 = 0;
    const TrafficResult r = traffic.run(
        o.warmup_s, o.seconds,
        [&] {
          relay_cpu0 = process_cpu(o.relay_pid);
          self0 = self_cpu_s();
        },
        [&] {
          relay_cpu1 = process_cpu(o.relay_pid);
          self1 = self_cpu_s();
        });
    setup->teardown(plans);
    const uint64_t relayed = r.a_to_b.sent_in_window + r.b_to_a.sent_in_window;
    const double relay_system = relay_cpu1.system_s - relay_cpu0.system_s;
    const double relay_cpu = relay_cpu1.user_s - relay_cpu0.user_s + relay_system;
    const double per_packet = relayed ? 1e6 / static_cast<double>(relayed) : 0.0;
    std::printf(
        "{\"relay\": \"%s\", \"calls\": %u, \"setup_s\": %.2f, \"window_s\": %.1f, \"a_to_b\": %s, "
        "\"b_to_a\": %s, \"packets_in_window\": %llu, \"relay_cpu_s\": %.2f, "
        "\"relay_cpu_us_per_packet\": %.2f, \"relay_system_us_per_packet\": %.2f, "
        "\"relay_cpu_share\": %.3f, \"tool_cpu_s\": %.2f, "
        "\"tool_send_late_p99_us\": %.0f, \"tool_send_late_max_us\": %.0f}\n",
        o.relay == RelayKind::lineside ? "lineside" : "rtpengine", o.calls, setup_s, r.window_s,
        direction_json(r.a_to_b).c_str(), direction_json(r.b_to_a).c_str(),
        static_cast<unsigned long long>(relayed), relay_cpu, relay_cpu * per_packet,
        relay_system * per_packet, relay_cpu / r.window_s, self1 - self0,
        r.send_lateness.percentile_us(0.99), r.send_lateness.max_us());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "media_load: %s\n", e.what());
    return 1;
  }
  return 0;
}
