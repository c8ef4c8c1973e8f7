// srtp-media/media_thread.cpp: the epoll loop, applying commands, and the inactivity watch.
#include "media_thread.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "packet_relay.hpp"

namespace lineside::media {
namespace {

constexpr int kMaxEvents = 256;
constexpr int kWaitMs = 200;
/// Datagrams one socket may give per round before the others get their turn.
constexpr unsigned kPerSocketRound = 64;
constexpr int64_t kInactivityCheckEveryMs = MediaThread::kViewEveryMs;

int64_t mono_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void set_signalled(LatchedAddress &a, const SocketAddress &signalled) {
  if (a.signalled == signalled && !signalled.empty()) return;  // unchanged: keep the latch
  a.signalled = signalled;
  a.current = signalled;
  a.latched = false;
}

}  // namespace

MediaThread::ReadBatch::ReadBatch() {
  for (unsigned i = 0; i < kReadBatch; ++i) {
    iov[i] = {buffers[i].data(), kMaxDatagram};
    msgs[i].msg_hdr.msg_name = &sources[i];
    msgs[i].msg_hdr.msg_namelen = sizeof sources[i];
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
}

MediaThread::MediaThread(unsigned index) : index_(index) {}

MediaThread::~MediaThread() {
  stop();
}

bool MediaThread::start(std::string &error) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  event_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || event_fd_ < 0) {
    error = std::string("cannot create the media thread's epoll/eventfd: ") + std::strerror(errno);
    return false;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;  // the eventfd
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, event_fd_, &ev);
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), ("ls-media-" + std::to_string(index_)).c_str());
    run();
  });
  return true;
}

void MediaThread::stop() {
  if (thread_.joinable()) {
    stopping_.store(true);
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t w = ::write(event_fd_, &one, sizeof one);
    thread_.join();
  }
  calls_.clear();
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    views_.clear();
  }
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (event_fd_ >= 0) ::close(event_fd_);
  epoll_fd_ = event_fd_ = -1;
}

bool MediaThread::set_realtime_priority(int priority, std::string &error) {
  if (!thread_.joinable()) {
    error = "the media thread is not running";
    return false;
  }
  sched_param param{};
  param.sched_priority = priority;
  const int rc = pthread_setschedparam(thread_.native_handle(),
                                       priority > 0 ? SCHED_FIFO : SCHED_OTHER, &param);
  if (rc != 0) {
    error = std::strerror(rc);
    return false;
  }
  return true;
}

void MediaThread::post(RelayCommand command) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(command));
  }
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t w = ::write(event_fd_, &one, sizeof one);
}

std::vector<uint64_t> MediaThread::take_timeouts() {
  std::lock_guard lock(mutex_);
  return std::exchange(timeouts_, {});
}

void MediaThread::run() {
  epoll_event events[kMaxEvents];
  int64_t next_check = 0;
  while (!stopping_.load(std::memory_order_relaxed)) {
    const int n = epoll_wait(epoll_fd_, events, kMaxEvents, again_.empty() ? kWaitMs : 0);
    const int64_t now = mono_ms();
    bool commands = false;
    std::vector<SocketTag *> again;
    again.swap(again_);
    for (SocketTag *tag : again) {
      if (drain(*tag, now)) again_.push_back(tag);
    }
    for (int i = 0; i < n; ++i) {
      auto *tag = static_cast<SocketTag *>(events[i].data.ptr);
      if (!tag) {
        commands = true;
        continue;
      }
      if (drain(*tag, now) && std::find(again_.begin(), again_.end(), tag) == again_.end()) {
        again_.push_back(tag);
      }
    }
    if (commands) {
      uint64_t drained = 0;
      [[maybe_unused]] const ssize_t r = ::read(event_fd_, &drained, sizeof drained);
      apply_pending(now);
    }
    if (now >= next_check) {
      check_inactivity(now);
      publish_views(now);
      next_check = now + kInactivityCheckEveryMs;
    }
  }
}

bool MediaThread::drain(SocketTag &tag, int64_t now_ms) {
  // Edge-triggered: read until a recvmmsg comes back short (the queue was empty), so neither a
  // failing read nor a level-triggered re-poll is paid per datagram.
  RelayEndpoint &ep = *tag.endpoint;
  const int fd = tag.rtcp_socket ? ep.rtcp_fd : ep.rtp_fd;
  unsigned total = 0;
  while (total < kPerSocketRound) {
    const int got = recvmmsg(fd, read_.msgs.data(), kReadBatch, MSG_DONTWAIT, nullptr);
    if (got <= 0) return false;
    for (int i = 0; i < got; ++i) {
      msghdr &h = read_.msgs[i].msg_hdr;
      Datagram d{read_.buffers[i].data(), read_.msgs[i].msg_len, kPacketBufferSize,
                 read_.sources[i], h.msg_namelen};
      relay_datagram(ep, tag.rtcp_socket, d, now_ms, counters_);
      h.msg_namelen = sizeof read_.sources[i];
    }
    total += static_cast<unsigned>(got);
    if (static_cast<unsigned>(got) < kReadBatch) return false;
  }
  return true;  // more may be queued: its turn comes again next round
}

void MediaThread::apply_pending(int64_t now_ms) {
  std::vector<RelayCommand> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  for (auto &c : batch) apply(c, now_ms);
  call_count_.store(calls_.size(), std::memory_order_relaxed);
}

void MediaThread::apply(RelayCommand &command, int64_t now_ms) {
  switch (command.kind) {
    case RelayCommand::Kind::configure:
      configure(calls_[command.call_id], command.call_id, command.endpoints, now_ms);
      break;
    case RelayCommand::Kind::answered: {
      auto it = calls_.find(command.call_id);
      if (it == calls_.end()) break;
      CallRelay &call = it->second;
      std::vector<uint32_t> losers;
      for (const auto &[key, ep] : call.endpoints) {
        if (key.first != kCallerLeg && key.first != command.winner_leg) losers.push_back(key.first);
      }
      for (uint32_t leg : losers) drop_leg(call, leg);
      call.answered = true;
      for (auto &[key, ep] : call.endpoints) ep->last_received_ms = now_ms;
      break;
    }
    case RelayCommand::Kind::remove: {
      auto it = calls_.find(command.call_id);
      if (it == calls_.end()) break;
      for (auto &[key, ep] : it->second.endpoints) forget(*ep);
      calls_.erase(it);
      break;
    }
  }
}

void MediaThread::configure(CallRelay &call, uint64_t call_id, std::vector<EndpointSetup> &setups,
                            int64_t now_ms) {
  for (EndpointSetup &s : setups) {
    auto &slot = call.endpoints[{s.leg, s.stream}];
    if (!slot) {
      if (!s.ports) {
        call.endpoints.erase({s.leg, s.stream});
        continue;
      }
      slot = std::make_unique<RelayEndpoint>();
      RelayEndpoint &ep = *slot;
      ep.call_id = call_id;
      ep.leg = s.leg;
      ep.stream = s.stream;
      ep.ports = std::move(s.ports);
      ep.rtp_fd = ep.ports->rtp_fd();
      ep.rtcp_fd = ep.ports->rtcp_fd();
      ep.rtp_tag = SocketTag{&ep, false};
      ep.rtcp_tag = SocketTag{&ep, true};
      ep.last_received_ms = now_ms;
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLET;
      ev.data.ptr = &ep.rtp_tag;
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, ep.rtp_fd, &ev);
      ev.data.ptr = &ep.rtcp_tag;
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, ep.rtcp_fd, &ev);
    }
    RelayEndpoint &ep = *slot;
    set_signalled(ep.rtp, s.remote_rtp);
    set_signalled(ep.rtcp, s.remote_rtcp);
    ep.rtcp_mux = s.rtcp_mux;
    if (s.leg_sends && !ep.leg_sends) ep.last_received_ms = now_ms;
    ep.send_to_leg = s.send_to_leg;
    ep.leg_sends = s.leg_sends;
    if (s.replace_inbound) {
      if (ep.inbound && s.inbound) {
        ep.previous_inbound = std::move(ep.inbound);
        ep.previous_inbound_until_ms = now_ms + kRekeyGraceMs;
      } else {
        ep.previous_inbound.reset();
      }
      ep.inbound = std::move(s.inbound);
    }
    if (s.replace_outbound) ep.outbound = std::move(s.outbound);
  }
  for (const EndpointSetup &s : setups) {  // pair once every endpoint exists
    auto self = call.endpoints.find({s.leg, s.stream});
    auto peer = call.endpoints.find({s.peer_leg, s.stream});
    if (self == call.endpoints.end()) continue;
    self->second->peer = peer == call.endpoints.end() ? nullptr : peer->second.get();
  }
}

void MediaThread::forget(RelayEndpoint &ep) {
  std::erase_if(again_, [&ep](const SocketTag *t) { return t->endpoint == &ep; });
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, ep.rtp_fd, nullptr);
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, ep.rtcp_fd, nullptr);
}

void MediaThread::drop_leg(CallRelay &call, uint32_t leg) {
  for (auto it = call.endpoints.begin(); it != call.endpoints.end();) {
    if (it->first.first != leg) {
      ++it;
      continue;
    }
    RelayEndpoint *gone = it->second.get();
    for (auto &[key, other] : call.endpoints) {
      if (other->peer == gone) other->peer = nullptr;
    }
    forget(*gone);
    it = call.endpoints.erase(it);
  }
}

std::vector<EndpointView> MediaThread::views() const {
  std::lock_guard lock(mutex_);
  return views_;
}

void MediaThread::publish_views(int64_t now_ms) {
  std::vector<EndpointView> fresh;
  for (const auto &[id, call] : calls_) {
    for (const auto &[key, ep] : call.endpoints) {
      EndpointView v;
      v.call_id = id;
      v.leg = ep->leg;
      v.stream = ep->stream;
      v.relay_port = ep->ports ? ep->ports->port() : 0;
      v.srtp_in = ep->inbound != nullptr;
      v.srtp_out = ep->outbound != nullptr;
      v.latched = ep->rtp.latched;
      v.sending_to_leg = ep->send_to_leg;
      v.signalled = ep->rtp.signalled;
      v.current = ep->rtp.current;
      v.packets_in = ep->packets_in;
      v.packets_out = ep->packets_out;
      v.idle_ms = now_ms - ep->last_received_ms;
      fresh.push_back(v);
    }
  }
  std::lock_guard lock(mutex_);
  views_.swap(fresh);
}

void MediaThread::check_inactivity(int64_t now_ms) {
  const int64_t limit = inactivity_ms_.load(std::memory_order_relaxed);
  if (limit <= 0) return;
  std::vector<uint64_t> quiet;
  for (auto &[id, call] : calls_) {
    if (!call.answered || call.timeout_reported) continue;
    for (const auto &[key, ep] : call.endpoints) {
      if (ep->two_way() && now_ms - ep->last_received_ms > limit) {
        call.timeout_reported = true;
        quiet.push_back(id);
        break;
      }
    }
  }
  if (quiet.empty()) return;
  std::lock_guard lock(mutex_);
  timeouts_.insert(timeouts_.end(), quiet.begin(), quiet.end());
}

}  // namespace lineside::media
