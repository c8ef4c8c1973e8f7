// emergency/webhook_sender.cpp: the webhook thread and its queue.
#include "webhook_sender.hpp"

#include <pthread.h>

#include <chrono>

#include "http_post.hpp"

namespace lineside::emergency {

size_t WebhookSender::post(const std::vector<HttpUrl> &urls, const std::string &event,
                           const std::string &body, const WebhookPolicy &policy) {
  size_t queued = 0;
  std::vector<WebhookResult> dropped;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const HttpUrl &url : urls) {
      if (stopping_ || queue_.size() >= kMaxQueued) {
        dropped.push_back({url.loggable(), event, false, 0, 0,
                           stopping_ ? "the module is stopping" : "too many notifications queued"});
        continue;
      }
      queue_.push_back(Job{url, event, body, policy});
      ++queued;
    }
    if (queued && !thread_.joinable())
      thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "ls-911-webhook");
        run();
      });
  }
  wake_.notify_one();
  for (const auto &d : dropped) report_(d);
  return queued;
}

void WebhookSender::stop() {
  std::deque<Job> left;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    left.swap(queue_);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (const Job &job : left)
    report_({job.url.loggable(), job.event, false, 0, 0, "dropped: the module stopped first"});
}

bool WebhookSender::wait_idle(int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                        [this] { return queue_.empty() && !busy_; });
}

void WebhookSender::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping
    Job job = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    const WebhookResult result = deliver(job);
    report_(result);
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
    if (stopping_) return;
  }
}

WebhookResult WebhookSender::deliver(const Job &job) {
  WebhookResult result{job.url.loggable(), job.event, false, 0, 0, ""};
  HttpPostRequest request;
  request.url = &job.url;
  request.body = job.body;
  request.timeout_ms = job.policy.timeout_ms;
  request.ca_file = job.policy.ca_file;
  for (int attempt = 1; attempt <= job.policy.attempts; ++attempt) {
    result.attempts = attempt;
    const HttpOutcome outcome = http_post(request);
    result.ok = outcome.ok;
    result.status = outcome.status;
    result.error = outcome.error;
    if (outcome.ok) break;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (attempt < job.policy.attempts &&
          wake_.wait_for(lock, std::chrono::milliseconds(job.policy.retry_delay_ms),
                         [this] { return stopping_; }))
        break;
    }
  }
  return result;
}

}  // namespace lineside::emergency
