// runtime/worker_pool.hpp: a fixed pool of threads for blocking work handed off the SIP thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lineside::kernel {

/// Runs jobs on `threads` worker threads. Completion back to the SIP thread is the caller's
/// business (the host posts it through the SIP loop). Destruction drains queued jobs first.
class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;
  /// Queue a job; returns false once stopping.
  bool submit(std::function<void()> job);

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace lineside::kernel
