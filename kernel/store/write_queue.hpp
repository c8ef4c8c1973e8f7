// WriteQueue: the hand-over of pending writes from any thread to the store's single writer thread.
#pragma once

#include "store/pending_write.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace lineside::kernel {

/**
 * Writes queue here from any thread; the writer takes them in batches and reports each batch
 * finished, which is what flush waits for. THREAD: every function is thread-safe.
 */
class WriteQueue {
public:
  /** Queue one write. Throws std::logic_error after close(). */
  void push(PendingWrite write);

  /**
   * Writer side: wait until writes are queued, then take up to max of them, oldest first.
   * Returns an empty batch once close() was called and nothing is left.
   */
  std::vector<PendingWrite> take_batch(size_t max);

  /** Writer side: count writes taken earlier as finished (their Done handed on). */
  void mark_finished(size_t count);

  /** Block until every write pushed before this call is marked finished. */
  void wait_until_finished();

  /** No more writes will come: take_batch returns empty once the queue is drained. */
  void close();

  /** Most writes ever waiting at once. */
  uint64_t depth_max() const;

private:
  mutable std::mutex mutex_;
  std::condition_variable writes_available_;
  std::condition_variable writes_finished_;
  std::deque<PendingWrite> waiting_;
  uint64_t pushed_total_ = 0;
  uint64_t finished_total_ = 0;
  uint64_t depth_max_ = 0;
  bool closed_ = false;
};

} // namespace lineside::kernel
