// PostedCompletions: a test CompletionPoster that queues batches for a "SIP thread" (the test) to run.
#pragma once

#include "store/sqlite_store.hpp"

#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace lineside::kernel::testing {

/**
 * Stands in for the kernel's post-to-SIP-thread: the writer thread hands batches over, and the
 * test thread runs them with run_all(), as the SIP thread would.
 */
class PostedCompletions {
public:
  CompletionPoster poster() {
    return [this](std::vector<std::function<void()>> &&batch) {
      std::lock_guard lock(mutex_);
      batch_sizes_.push_back(batch.size());
      for (auto &completion : batch) {
        waiting_.push_back(std::move(completion));
      }
    };
  }

  /** Run every completion handed over so far on the calling thread; returns how many ran. */
  size_t run_all() {
    std::vector<std::function<void()>> to_run;
    {
      std::lock_guard lock(mutex_);
      to_run.swap(waiting_);
    }
    for (auto &completion : to_run) {
      completion();
    }
    return to_run.size();
  }

  /** Completions handed over and not yet run. */
  size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

  /** The size of every batch handed over, in order. */
  std::vector<size_t> batch_sizes() const {
    std::lock_guard lock(mutex_);
    return batch_sizes_;
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::function<void()>> waiting_;
  std::vector<size_t> batch_sizes_;
};

} // namespace lineside::kernel::testing
