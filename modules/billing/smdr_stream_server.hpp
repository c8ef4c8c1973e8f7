// billing/smdr_stream_server.hpp: the SMDR TCP stream (as MiVB offers SMDR over IP): collectors
// connect and receive every record from then on.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lineside/plugin.hpp"
#include "listen_address.hpp"
#include "posix_file.hpp"

namespace lineside::billing {

struct StreamSettings {
  ListenAddress listen{"127.0.0.1", 1752};
  size_t max_collectors = 8;    ///< connections beyond this are accepted and closed at once
  size_t queue_records = 1000;  ///< records waiting for one collector; past this it is dropped
  size_t backlog_records = 0;   ///< most recent records sent to a collector when it connects
};

/// One connected collector, for the admin status.
struct CollectorInfo {
  std::string peer;   ///< "127.0.0.1:50412"
  uint64_t sent = 0;  ///< records fully sent
  size_t queued = 0;  ///< records waiting
};

/**
 * A TCP server on its own thread with non-blocking sockets and poll(). publish() (SIP thread)
 * appends the record to an inbox and wakes the thread (an eventfd): it never waits for a
 * collector. Each collector has its own bounded queue; one that falls `queue_records` behind is
 * disconnected with a log line (it reconnects and resumes from then on; the SMDR file has
 * everything). Whatever a collector sends is read and ignored. stop() closes every connection.
 */
class SmdrStreamServer {
 public:
  SmdrStreamServer(Host host, StreamSettings settings);
  ~SmdrStreamServer();
  SmdrStreamServer(const SmdrStreamServer &) = delete;
  SmdrStreamServer &operator=(const SmdrStreamServer &) = delete;

  /// Bind, listen and start the thread. Returns "" or the error ("cannot listen on ...").
  std::string start();
  /// Queue one record for every collector (any thread, never blocks on the network).
  void publish(std::string record);
  /// Close everything and join the thread. Idempotent.
  void stop();

  [[nodiscard]] uint16_t bound_port() const { return bound_port_; }
  [[nodiscard]] const StreamSettings &settings() const { return settings_; }
  [[nodiscard]] std::vector<CollectorInfo> collectors() const;
  [[nodiscard]] uint64_t collectors_dropped() const { return dropped_.load(); }
  [[nodiscard]] uint64_t records_published() const { return published_.load(); }

 private:
  struct Collector {
    Fd fd;
    std::string peer;
    std::deque<std::string> queue;
    size_t offset = 0;  ///< bytes of queue.front() already sent
    uint64_t sent = 0;
    bool closing = false;
  };

  void run();
  void take_inbox();
  void accept_all();
  void read_and_ignore(Collector &c);
  void send_some(Collector &c);
  void close_collector(Collector &c, const std::string &why, uint32_t level);
  void publish_snapshot();

  Host host_;
  StreamSettings settings_;
  Fd listen_fd_;
  Fd wake_fd_;
  uint16_t bound_port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> published_{0};

  std::mutex inbox_mutex_;
  std::deque<std::string> inbox_;

  std::vector<Collector> collectors_;  ///< server thread only
  std::deque<std::string> backlog_;    ///< server thread only

  mutable std::mutex snapshot_mutex_;
  std::vector<CollectorInfo> snapshot_;
};

}  // namespace lineside::billing
