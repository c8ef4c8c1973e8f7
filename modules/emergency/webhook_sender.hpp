// emergency/webhook_sender.hpp: the emergency notification webhooks, POSTed from a thread of the
// module's own (never the SIP thread, never the host's shared workers), each with a deadline and
// a bounded number of attempts; outcomes are logged and counted, never reported back to a call.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http_url.hpp"

namespace lineside::emergency {

struct WebhookPolicy {
  int64_t timeout_ms = 5000;  ///< per attempt
  int attempts = 2;           ///< tries per notification
  int64_t retry_delay_ms = 500;
  std::string ca_file;  ///< https trust ("" = system CAs)
};

/// What the sender reports after each notification (from its own thread).
struct WebhookResult {
  std::string url;    ///< loggable form (no query string)
  std::string event;  ///< "emergency_call", ...
  bool ok = false;
  int status = 0;
  int attempts = 0;
  std::string error;
};

class WebhookSender {
 public:
  using Report = std::function<void(const WebhookResult &)>;
  static constexpr size_t kMaxQueued = 256;

  /// `report` runs on the sender's thread (it may only use any-thread host services).
  explicit WebhookSender(Report report) : report_(std::move(report)) {}
  ~WebhookSender() { stop(); }
  WebhookSender(const WebhookSender &) = delete;
  WebhookSender &operator=(const WebhookSender &) = delete;

  /// Queue one POST of `body` to each of `urls`. Returns how many were queued (a full queue drops
  /// the rest, reported as failures). Starts the thread on first use.
  size_t post(const std::vector<HttpUrl> &urls, const std::string &event, const std::string &body,
              const WebhookPolicy &policy);
  /// Finish the POST in progress, drop what is still queued (reported as failures), join.
  void stop();
  /// Wait (bounded) until nothing is queued or in progress; for tests. True when idle.
  bool wait_idle(int64_t timeout_ms);

 private:
  struct Job {
    HttpUrl url;
    std::string event;
    std::string body;
    WebhookPolicy policy;
  };
  void run();
  WebhookResult deliver(const Job &job);

  Report report_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Job> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lineside::emergency
