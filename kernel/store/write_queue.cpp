// WriteQueue: locking, batching and finish-tracking of the writes waiting for the writer thread.
#include "store/write_queue.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace lineside::kernel {

void WriteQueue::push(PendingWrite write) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) {
      throw std::logic_error("store write queued after the store began closing");
    }
    waiting_.push_back(std::move(write));
    ++pushed_total_;
    depth_max_ = std::max<uint64_t>(depth_max_, waiting_.size());
  }
  writes_available_.notify_one();
}

std::vector<PendingWrite> WriteQueue::take_batch(size_t max) {
  std::unique_lock lock(mutex_);
  writes_available_.wait(lock, [this] { return !waiting_.empty() || closed_; });
  const size_t count = std::min(std::max<size_t>(max, 1), waiting_.size());
  std::vector<PendingWrite> batch;
  batch.reserve(count);
  const auto end = waiting_.begin() + static_cast<std::ptrdiff_t>(count);
  std::move(waiting_.begin(), end, std::back_inserter(batch));
  waiting_.erase(waiting_.begin(), end);
  return batch;
}

void WriteQueue::mark_finished(size_t count) {
  {
    std::lock_guard lock(mutex_);
    finished_total_ += count;
  }
  writes_finished_.notify_all();
}

void WriteQueue::wait_until_finished() {
  std::unique_lock lock(mutex_);
  const uint64_t target = pushed_total_;
  writes_finished_.wait(lock, [this, target] { return finished_total_ >= target; });
}

void WriteQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  writes_available_.notify_all();
}

uint64_t WriteQueue::depth_max() const {
  std::lock_guard lock(mutex_);
  return depth_max_;
}

} // namespace lineside::kernel
