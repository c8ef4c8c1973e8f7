// bench/media/media_traffic.cpp: paced sending with sendmmsg, receiving with recvmmsg and kernel
// arrival timestamps, SRTP on phone A's side, delay histograms, RFC 3550 jitter and counts.
#include "media_traffic.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "bench_clock.hpp"

namespace lineside::bench {
namespace {

constexpr int64_t kPeriodNs = 20'000'000;  // 20 ms of G.711
constexpr size_t kPayload = 160;
constexpr size_t kPacketRoom = 12 + kPayload + srtp::SrtpStream::kMaxTrailer;
constexpr size_t kBatch = 16;
constexpr uint32_t kSsrcA = 0x10000000;
constexpr uint32_t kSsrcB = 0x20000000;

void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}

uint32_t get32(const uint8_t *p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

}  // namespace

void DelayHistogram::add(int64_t ns) {
  if (ns < 0) ns = 0;
  buckets_[std::min<size_t>(static_cast<size_t>(ns / 10'000), kBuckets - 1)]++;
  ++count_;
  max_ns_ = std::max(max_ns_, ns);
}

void DelayHistogram::merge(const DelayHistogram &o) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += o.buckets_[i];
  count_ += o.count_;
  max_ns_ = std::max(max_ns_, o.max_ns_);
}

double DelayHistogram::percentile_us(double fraction) const {
  if (!count_) return 0;
  const uint64_t want = static_cast<uint64_t>(fraction * static_cast<double>(count_));
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen > want) return static_cast<double>(i + 1) * 10.0;  // upper edge of the bucket
  }
  return max_us();
}

struct MediaTraffic::Phone {
  const UdpSocket &sock;
  bool srtp = false;
  uint32_t own_ssrc = 0;
  uint32_t peer_ssrc = 0;
  std::vector<std::unique_ptr<srtp::SrtpStream>> out;  // per call, A only
  std::vector<std::unique_ptr<srtp::SrtpStream>> in;   // per call, A only
  std::vector<uint16_t> seq;
  std::vector<sockaddr_in> dest;
  std::vector<int64_t> last_transit;  // per call: arrival - send of the peer's last window packet
  std::vector<double> jitter_ns;      // per call: RFC 3550 jitter of the peer's stream
  int64_t window_from = INT64_MAX;    // CLOCK_REALTIME ns
  int64_t window_to = INT64_MAX;

  explicit Phone(const UdpSocket &s) : sock(s) {}
};

MediaTraffic::MediaTraffic(const std::vector<CallPlan> &plans, const UdpSocket &a,
                           const UdpSocket &b)
    : plans_(plans), a_(std::make_unique<Phone>(a)), b_(std::make_unique<Phone>(b)) {
  a_->srtp = true;
  a_->own_ssrc = kSsrcA;
  a_->peer_ssrc = kSsrcB;
  b_->own_ssrc = kSsrcB;
  b_->peer_ssrc = kSsrcA;
  for (const CallPlan &p : plans) {
    std::string error;
    a_->out.push_back(srtp::SrtpStream::create(p.a_key, srtp::Direction::outbound, error));
    if (!p.relay_key_for_a)
      throw std::runtime_error("call " + std::to_string(p.index) + " has no key for A");
    a_->in.push_back(srtp::SrtpStream::create(*p.relay_key_for_a, srtp::Direction::inbound, error));
    if (!a_->out.back() || !a_->in.back()) throw std::runtime_error("SRTP context: " + error);
    a_->dest.push_back(loopback(p.relay_port_for_a));
    b_->dest.push_back(loopback(p.relay_port_for_b));
  }
  for (Phone *ph : {a_.get(), b_.get()}) {
    ph->seq.assign(plans.size(), 1);
    ph->last_transit.assign(plans.size(), INT64_MIN);
    ph->jitter_ns.assign(plans.size(), 0.0);
  }
}

MediaTraffic::~MediaTraffic() = default;

TrafficResult MediaTraffic::run(double warmup_s, double seconds,
                                const std::function<void()> &window_start,
                                const std::function<void()> &window_end) {
  TrafficResult result;
  result.window_s = seconds;
  for (Phone *ph : {a_.get(), b_.get()}) {
    const int on = 1;
    setsockopt(ph->sock.fd(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
  }
  send_loop(warmup_s + seconds, warmup_s, window_start, window_end, result);
  const int64_t drain_until = clock_ns(CLOCK_MONOTONIC) + 500'000'000;
  while (clock_ns(CLOCK_MONOTONIC) < drain_until) {
    receive_some(*a_, result.b_to_a);
    receive_some(*b_, result.a_to_b);
  }
  summarize_jitter(*b_, result.a_to_b);
  summarize_jitter(*a_, result.b_to_a);
  return result;
}

void MediaTraffic::summarize_jitter(const Phone &receiver, DirectionResult &result) {
  double sum = 0, most = 0;
  size_t streams = 0;
  for (size_t call = 0; call < receiver.jitter_ns.size(); ++call) {
    if (receiver.last_transit[call] == INT64_MIN) continue;  // nothing heard in the window
    sum += receiver.jitter_ns[call];
    most = std::max(most, receiver.jitter_ns[call]);
    ++streams;
  }
  result.jitter_mean_us = streams ? sum / static_cast<double>(streams) / 1000.0 : 0;
  result.jitter_max_us = most / 1000.0;
}

void MediaTraffic::send_loop(double total_s, double warmup_s,
                             const std::function<void()> &window_start,
                             const std::function<void()> &window_end, TrafficResult &result) {
  struct Event {
    int64_t offset;
    Phone *phone;
    uint32_t call;
  };
  const size_t n = plans_.size();
  std::vector<Event> events;
  for (uint32_t i = 0; i < n; ++i) {
    const int64_t off = static_cast<int64_t>(i) * kPeriodNs / static_cast<int64_t>(n);
    events.push_back({off, a_.get(), i});
    events.push_back({(off + kPeriodNs / 2) % kPeriodNs, b_.get(), i});
  }
  std::sort(events.begin(), events.end(),
            [](const Event &x, const Event &y) { return x.offset < y.offset; });
  const int64_t start = clock_ns(CLOCK_MONOTONIC) + 50'000'000;
  const int64_t window_at = start + static_cast<int64_t>(warmup_s * 1e9);
  const int64_t end = start + static_cast<int64_t>(total_s * 1e9);
  bool in_window = false;
  uint8_t buffers[2][kBatch][kPacketRoom];
  mmsghdr msgs[2][kBatch];
  iovec iov[2][kBatch];
  size_t count[2] = {0, 0};
  auto flush = [&](int side) {
    Phone &ph = side == 0 ? *a_ : *b_;
    if (!count[side]) return;
    int done = 0;
    while (done < static_cast<int>(count[side])) {
      const int r =
          sendmmsg(ph.sock.fd(), msgs[side] + done, static_cast<unsigned>(count[side]) - done, 0);
      if (r <= 0) break;
      done += r;
    }
    DirectionResult &dr = side == 0 ? result.a_to_b : result.b_to_a;
    dr.sent += count[side];
    if (in_window) dr.sent_in_window += count[side];
    count[side] = 0;
  };
  for (int64_t base = start; base < end; base += kPeriodNs) {
    for (const Event &e : events) {
      const int64_t due = base + e.offset;
      if (due >= end) break;
      if (!in_window && due >= window_at) {
        flush(0);
        flush(1);
        window_start();
        in_window = true;
        const int64_t now_rt = clock_ns(CLOCK_REALTIME);
        a_->window_from = now_rt;
        b_->window_from = now_rt;
      }
      if (due > clock_ns(CLOCK_MONOTONIC) + 20'000) {
        flush(0);
        flush(1);
        // Busy-poll both sockets until it is due: a receiver that never sleeps costs the relay no
        // wake-up per packet (a real phone is another machine: its wake-ups are not the relay's).
        while (clock_ns(CLOCK_MONOTONIC) < due) {
          receive_some(*a_, result.b_to_a);
          receive_some(*b_, result.a_to_b);
        }
      }
      if (in_window) result.send_lateness.add(clock_ns(CLOCK_MONOTONIC) - due);
      const int side = e.phone == a_.get() ? 0 : 1;
      Phone &ph = *e.phone;
      uint8_t *pkt = buffers[side][count[side]];
      pkt[0] = 0x80;
      pkt[1] = 0;
      const uint16_t seq = ph.seq[e.call]++;
      pkt[2] = static_cast<uint8_t>(seq >> 8);
      pkt[3] = static_cast<uint8_t>(seq);
      put32(pkt + 4, uint32_t{seq} * 160);
      put32(pkt + 8, ph.own_ssrc + e.call);
      std::memset(pkt + 12, 0xD5, kPayload);
      const int64_t stamp = clock_ns(CLOCK_REALTIME);
      std::memcpy(pkt + 12, &stamp, sizeof stamp);
      size_t len = 12 + kPayload;
      if (ph.srtp && !ph.out[e.call]->protect_rtp(pkt, len, kPacketRoom)) continue;
      iov[side][count[side]] = {pkt, len};
      msghdr &h = msgs[side][count[side]].msg_hdr;
      h = msghdr{};
      h.msg_name = &ph.dest[e.call];
      h.msg_namelen = sizeof(sockaddr_in);
      h.msg_iov = &iov[side][count[side]];
      h.msg_iovlen = 1;
      if (++count[side] == kBatch) flush(side);
    }
  }
  flush(0);
  flush(1);
  const int64_t now_rt = clock_ns(CLOCK_REALTIME);
  a_->window_to = now_rt;
  b_->window_to = now_rt;
  window_end();
}

size_t MediaTraffic::receive_some(Phone &ph, DirectionResult &result) {
  constexpr unsigned kVlen = 64;
  static thread_local uint8_t data[kVlen][2048];
  static thread_local uint8_t control[kVlen][64];
  mmsghdr msgs[kVlen];
  iovec iov[kVlen];
  for (unsigned i = 0; i < kVlen; ++i) {
    iov[i] = {data[i], sizeof data[i]};
    msgs[i].msg_hdr = msghdr{};
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_control = control[i];
    msgs[i].msg_hdr.msg_controllen = sizeof control[i];
  }
  const int got = recvmmsg(ph.sock.fd(), msgs, kVlen, MSG_DONTWAIT, nullptr);
  if (got <= 0) return 0;
  const size_t n = plans_.size();
  for (int i = 0; i < got; ++i) {
    size_t len = msgs[i].msg_len;
    uint8_t *pkt = data[i];
    if (len < 12 + 8) {
      ++result.undecodable;
      continue;
    }
    const uint32_t call = get32(pkt + 8) - ph.peer_ssrc;
    if (call >= n || (ph.srtp && !ph.in[call]->unprotect_rtp(pkt, len))) {
      ++result.undecodable;
      continue;
    }
    ++result.received;
    int64_t arrived = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c; c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        timespec ts{};
        std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
        arrived = int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
      }
    }
    int64_t sent = 0;
    std::memcpy(&sent, pkt + 12, sizeof sent);
    if (arrived && sent >= ph.window_from && sent < ph.window_to) {
      const int64_t transit = arrived - sent;
      result.delays.add(transit);
      int64_t &last = ph.last_transit[call];
      if (last != INT64_MIN) {
        const double d = std::abs(static_cast<double>(transit - last));
        ph.jitter_ns[call] += (d - ph.jitter_ns[call]) / 16.0;
      }
      last = transit;
    }
  }
  return static_cast<size_t>(got);
}

}  // namespace lineside::bench
