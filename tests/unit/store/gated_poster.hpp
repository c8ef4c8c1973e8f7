// GatedPoster: a CompletionPoster that holds the writer thread inside its first batch until opened.
#pragma once

#include "posted_completions.hpp"

#include <condition_variable>
#include <mutex>

namespace lineside::kernel::testing {

/**
 * Forwards batches to a PostedCompletions, but the writer thread waits inside the first call
 * until open() — so a test can pile writes up behind a busy writer, deterministically.
 */
class GatedPoster {
public:
  explicit GatedPoster(PostedCompletions &completions) : forward_(completions.poster()) {}

  CompletionPoster poster() {
    return [this](std::vector<std::function<void()>> &&batch) {
      {
        std::unique_lock lock(mutex_);
        entered_ = true;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
      }
      forward_(std::move(batch));
    };
  }

  /** Block until the writer thread is waiting inside the poster. */
  void wait_until_writer_held() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return entered_; });
  }

  /** Let the writer thread through, now and for every later batch. */
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

  /** Opens the gate when destroyed: declare it after the store so a failing test cannot hang. */
  class OpenOnExit {
  public:
    explicit OpenOnExit(GatedPoster &gate) : gate_(gate) {}
    OpenOnExit(const OpenOnExit &) = delete;
    OpenOnExit &operator=(const OpenOnExit &) = delete;
    ~OpenOnExit() { gate_.open(); }

  private:
    GatedPoster &gate_;
  };

private:
  CompletionPoster forward_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool entered_ = false;
  bool open_ = false;
};

} // namespace lineside::kernel::testing
