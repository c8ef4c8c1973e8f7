// runtime/worker_pool.cpp: the worker threads' loop.
#include "runtime/worker_pool.hpp"

#include <pthread.h>

#include <string>

#include "runtime/logger.hpp"

namespace lineside::kernel {

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this, i] {
      pthread_setname_np(pthread_self(), ("ls-worker-" + std::to_string(i)).c_str());
      run();
    });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto &t : threads_) t.join();
}

bool WorkerPool::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job();
    } catch (const std::exception &e) {
      log_error("workers", std::string("job threw: ") + e.what());
    } catch (...) {
      log_error("workers", "job threw an unknown exception");
    }
  }
}

}  // namespace lineside::kernel
