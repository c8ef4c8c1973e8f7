// The SQLite store: one writer thread group-committing queued writes, one reading connection.
#include "store/sqlite_store.hpp"

#include "store/private_file.hpp"
#include "store/sqlite_batch_writer.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_record_reader.hpp"
#include "store/sqlite_store_schema.hpp"
#include "store/write_queue.hpp"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace lineside::kernel {

namespace {

int64_t now_unix_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class SqliteStore final : public Store {
public:
  SqliteStore(const SqliteStoreOptions &opts, CompletionPoster poster, SqliteConnection writing,
              SqliteConnection reading)
      : path_(opts.path), batch_max_(std::max<size_t>(opts.batch_max, 1)), logger_(opts.logger),
        poster_(std::move(poster)), writer_(std::move(writing)),
        reader_(std::move(reading), opts.logger), writer_thread_([this] {
          pthread_setname_np(pthread_self(), "ls-store");
          run_writer();
        }) {}

  ~SqliteStore() override {
    // The writer drains everything already queued before it sees the close.
    queue_.close();
    writer_thread_.join();
  }

  void put(std::string ns, std::string key, std::string value, Done done) override {
    queue_.push(PendingWrite{PendingWrite::Kind::put, std::move(ns), std::move(key),
                             std::move(value), std::move(done)});
  }

  void erase(std::string ns, std::string key, Done done) override {
    queue_.push(
        PendingWrite{PendingWrite::Kind::erase, std::move(ns), std::move(key), {}, std::move(done)});
  }

  int64_t scan(const std::string &ns, const Visitor &visit) override {
    return reader_.scan(ns, visit);
  }

  void flush() override {
    if (std::this_thread::get_id() == writer_thread_.get_id()) {
      throw std::logic_error("Store::flush() called on the store's writer thread (from the "
                             "completion poster) would wait for itself");
    }
    queue_.wait_until_finished();
  }

  StoreStats stats() const override {
    StoreStats snapshot;
    {
      std::lock_guard lock(stats_mutex_);
      snapshot = counters_;
    }
    snapshot.queue_depth_max = queue_.depth_max();
    return snapshot;
  }

private:
  void run_writer() {
    for (;;) {
      std::vector<PendingWrite> batch = queue_.take_batch(batch_max_);
      if (batch.empty()) {
        return; // closed and drained
      }
      commit_and_hand_on(batch);
      queue_.mark_finished(batch.size());
    }
  }

  void commit_and_hand_on(std::vector<PendingWrite> &batch) {
    const BatchOutcome outcome = writer_.commit(batch, now_unix_ms());
    count(outcome, batch.size());
    if (!outcome.committed) {
      report_to_store_logger(logger_, "store " + path_ + ": " + std::to_string(batch.size()) +
                                          " writes rolled back, " + outcome.failure);
    }
    std::vector<std::function<void()>> completions;
    completions.reserve(batch.size());
    for (PendingWrite &write : batch) {
      if (write.done) {
        completions.emplace_back(
            [done = std::move(write.done), committed = outcome.committed] { done(committed); });
      }
    }
    if (completions.empty()) {
      return;
    }
    try {
      poster_(std::move(completions));
    } catch (const std::exception &error) {
      report_to_store_logger(logger_, "store " + path_ + ": completion poster failed: " +
                                          error.what());
    } catch (...) {
      report_to_store_logger(logger_, "store " + path_ + ": completion poster failed");
    }
  }

  void count(const BatchOutcome &outcome, size_t batch_size) {
    std::lock_guard lock(stats_mutex_);
    if (outcome.committed) {
      ++counters_.commits;
      counters_.records_written += batch_size;
    } else {
      ++counters_.failed_commits;
    }
    counters_.largest_batch = std::max<uint64_t>(counters_.largest_batch, batch_size);
  }

  const std::string path_;
  const size_t batch_max_;
  const StoreLogger logger_;
  const CompletionPoster poster_;
  SqliteBatchWriter writer_; // writer thread only
  SqliteRecordReader reader_;
  WriteQueue queue_;
  mutable std::mutex stats_mutex_;
  StoreStats counters_; // all but queue_depth_max, which the queue keeps
  std::thread writer_thread_; // last: starts once every other member exists
};

} // namespace

std::unique_ptr<Store> open_sqlite_store(const SqliteStoreOptions &opts, CompletionPoster poster) {
  try {
    if (opts.path.empty() || opts.path == ":memory:") {
      throw StoreError("a database file path is required");
    }
    if (!poster) {
      throw StoreError("no completion poster given");
    }
    create_private_file_if_absent(opts.path);
    const ConnectionSettings settings{opts.synchronous_full, opts.busy_timeout_ms};
    SqliteConnection writing = SqliteConnection::open(opts.path);
    configure_write_connection(writing, settings);
    ensure_store_schema(writing);
    SqliteConnection reading = SqliteConnection::open(opts.path);
    configure_read_connection(reading, settings);
    return std::make_unique<SqliteStore>(opts, std::move(poster), std::move(writing),
                                         std::move(reading));
  } catch (const StoreError &error) {
    throw StoreError("cannot open store " + opts.path + ": " + error.what());
  }
}

} // namespace lineside::kernel
