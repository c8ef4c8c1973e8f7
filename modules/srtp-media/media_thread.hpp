// srtp-media/media_thread.hpp: one media thread: an epoll loop over the relay sockets of the calls
// it owns, commands from the SIP thread through a queue and an eventfd, the inactivity watch.
#pragma once

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "endpoint_view.hpp"
#include "packet_relay.hpp"
#include "relay_counters.hpp"
#include "relay_endpoint.hpp"
#include "relay_update.hpp"

namespace lineside::media {

class MediaThread {
 public:
  /// `index` names the thread "ls-media-<index>" (as top -H and perf show it).
  explicit MediaThread(unsigned index = 0);
  ~MediaThread();
  MediaThread(const MediaThread &) = delete;
  MediaThread &operator=(const MediaThread &) = delete;

  /// Starts the loop; false with `error` when epoll or the eventfd cannot be made.
  bool start(std::string &error);
  /// Stops and joins; every endpoint (and its ports) is released.
  void stop();

  /// Runs the loop under SCHED_FIFO at `priority` (1-99), or under the normal scheduler with 0.
  /// False with `error` (strerror text) when the kernel refuses: SCHED_FIFO needs CAP_SYS_NICE or
  /// an RLIMIT_RTPRIO of at least `priority`. Call after start(), from the thread that started it.
  bool set_realtime_priority(int priority, std::string &error);

  /// Queue a command (any thread); the loop applies it between two batches of packets.
  void post(RelayCommand command);

  /// A call whose two-way stream has had no packet from one leg for this long is reported by
  /// take_timeouts(); 0 turns the watch off. Any thread.
  void set_inactivity_timeout_ms(int64_t ms) {
    inactivity_ms_.store(ms, std::memory_order_relaxed);
  }
  /// Calls that went quiet since the last call (each reported once). Any thread.
  std::vector<uint64_t> take_timeouts();
  /// Every endpoint as the loop last published it (every kViewEveryMs). Any thread.
  [[nodiscard]] std::vector<EndpointView> views() const;
  static constexpr int64_t kViewEveryMs = 500;

  [[nodiscard]] const RelayCounters &counters() const { return counters_; }
  [[nodiscard]] size_t calls() const { return call_count_.load(std::memory_order_relaxed); }

 private:
  struct CallRelay {
    bool answered = false;
    bool timeout_reported = false;
    std::map<std::pair<uint32_t, uint32_t>, std::unique_ptr<RelayEndpoint>> endpoints;
  };

  void run();
  /// Read and relay what `tag`'s socket holds; true when it may hold more (read cap reached).
  bool drain(SocketTag &tag, int64_t now_ms);
  void apply_pending(int64_t now_ms);
  void apply(RelayCommand &command, int64_t now_ms);
  void configure(CallRelay &call, uint64_t call_id, std::vector<EndpointSetup> &setups,
                 int64_t now_ms);
  void drop_leg(CallRelay &call, uint32_t leg);
  void forget(RelayEndpoint &endpoint);
  void check_inactivity(int64_t now_ms);
  void publish_views(int64_t now_ms);

  unsigned index_;
  int epoll_fd_ = -1;
  int event_fd_ = -1;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> inactivity_ms_{0};
  std::atomic<size_t> call_count_{0};
  mutable std::mutex mutex_;  // guards queue_, timeouts_ and views_
  std::vector<RelayCommand> queue_;
  std::vector<uint64_t> timeouts_;
  std::vector<EndpointView> views_;
  std::unordered_map<uint64_t, CallRelay> calls_;  // the loop's own
  static constexpr unsigned kReadBatch = 8;        // datagrams per recvmmsg
  /// recvmmsg's headers, pointing once for all at the buffers and source slots; only each used
  /// header's msg_namelen (which the kernel overwrites) is reset after a read.
  struct ReadBatch {
    ReadBatch();
    ReadBatch(const ReadBatch &) = delete;
    ReadBatch &operator=(const ReadBatch &) = delete;
    std::array<std::array<uint8_t, kPacketBufferSize>, kReadBatch> buffers{};
    std::array<sockaddr_storage, kReadBatch> sources{};
    std::array<iovec, kReadBatch> iov{};
    std::array<mmsghdr, kReadBatch> msgs{};
  };
  ReadBatch read_;
  std::vector<SocketTag *> again_;  // sockets left with datagrams by the cap
  RelayCounters counters_;
};

}  // namespace lineside::media
