// billing/record_writer.cpp: the writer thread: queue, fsync policy, retries, ticks, shutdown.
#include "record_writer.hpp"

#include <pthread.h>

#include <chrono>

namespace lineside::billing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTick = std::chrono::seconds(1);
constexpr auto kRetryDelay = std::chrono::seconds(1);
constexpr auto kIdleCheckpoint = std::chrono::seconds(5);
constexpr int kStopAttempts = 3;
constexpr int64_t kRepeatErrorLogMs = 60000;

}  // namespace

const char *output_name(Output output) {
  switch (output) {
    case Output::smdr:
      return "smdr";
    case Output::cdr_json:
      return "cdr_json";
    case Output::cdr_csv:
      return "cdr_csv";
  }
  return "?";
}

RecordWriter::RecordWriter(Host host, WriterSettings settings) : host_(host), settings_(settings) {}

RecordWriter::~RecordWriter() {
  stop();
}

void RecordWriter::set_output(Output output, std::unique_ptr<DurableFile> file) {
  files_[index(output)] = std::move(file);
}

std::string RecordWriter::path_of(Output output) const {
  const auto &file = files_[index(output)];
  return file ? file->path() : std::string();
}

std::string RecordWriter::start() {
  const int64_t now = host_.now_unix();
  uint64_t replayed_total = 0;
  for (size_t i = 0; i < kOutputCount; ++i) {
    if (!files_[i]) continue;
    size_t replayed = 0;
    if (std::string err = files_[i]->open(now, replayed); !err.empty()) return err;
    if (replayed > 0) {
      host_.notice(std::to_string(replayed) + " record(s) journaled before the last stop were " +
                   "appended to " + files_[i]->path());
    }
    replayed_total += replayed;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.replayed = replayed_total;
    running_ = true;
    stopping_ = false;
  }
  note_warnings();
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "ls-smdr-writer");
    run();
  });
  return "";
}

bool RecordWriter::submit(OutputRecord record) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_ || stopping_ || queue_.size() + pending_count_ >= settings_.max_queue) {
      ++stats_.dropped;
      return false;
    }
    queue_.push_back(std::move(record));
  }
  wake_.notify_one();
  return true;
}

void RecordWriter::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  running_ = false;
}

WriterStats RecordWriter::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  WriterStats s = stats_;
  s.queued = queue_.size() + pending_count_.load();
  return s;
}

void RecordWriter::note_error(const std::string &error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.write_errors;
    stats_.last_error = error;
  }
  host_.metric_add("write_errors");
  const int64_t now = host_.now_mono_ms();
  if (error != last_logged_error_ || now - last_error_log_ms_ >= kRepeatErrorLogMs) {
    host_.error("billing output: " + error + " (records are kept and retried)");
    last_logged_error_ = error;
    last_error_log_ms_ = now;
  }
}

void RecordWriter::note_warnings() {
  for (const auto &file : files_) {
    if (!file) continue;
    for (const std::string &w : file->take_warnings()) host_.warning("billing output: " + w);
  }
}

bool RecordWriter::flush(bool sync) {
  bool all_written = true;
  const int64_t now = host_.now_unix();
  for (size_t i = 0; i < kOutputCount; ++i) {
    std::vector<std::string> &pending = pending_[i];
    if (pending.empty() || !files_[i]) continue;
    if (std::string err = files_[i]->write(pending, sync, now); !err.empty()) {
      note_error(err);
      all_written = false;
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.written[i] += pending.size();
    }
    pending_count_ -= pending.size();
    pending.clear();
  }
  return all_written;
}

void RecordWriter::run() {
  const bool sync = settings_.fsync != FsyncPolicy::never;
  const auto interval = std::chrono::milliseconds(settings_.fsync_interval_ms);
  Clock::time_point last_flush = Clock::now(), last_write{}, retry_at{};
  bool journal_dirty = false;
  int stop_attempts = 0;
  for (;;) {
    std::deque<OutputRecord> batch;
    bool stopping = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      auto wait = std::chrono::duration_cast<Clock::duration>(kTick);
      if (settings_.fsync == FsyncPolicy::interval && pending_count_ > 0) {
        const auto until_due = last_flush + interval - Clock::now();
        if (until_due < wait)
          wait = until_due > Clock::duration::zero() ? until_due : Clock::duration::zero();
      }
      wake_.wait_for(lock, wait, [&] { return stopping_ || !queue_.empty(); });
      batch.swap(queue_);
      stopping = stopping_;
    }
    for (OutputRecord &r : batch) {
      for (size_t i = 0; i < kOutputCount; ++i) {
        if (r.text[i].empty() || !files_[i]) continue;
        pending_[i].push_back(std::move(r.text[i]));
        ++pending_count_;
      }
    }
    const Clock::time_point now = Clock::now();
    const bool interval_due =
        settings_.fsync != FsyncPolicy::interval || now - last_flush >= interval;
    if (pending_count_ > 0 && (stopping || (now >= retry_at && interval_due))) {
      last_flush = now;
      if (flush(sync)) {
        last_write = now;
        journal_dirty = true;
      } else {
        retry_at = now + kRetryDelay;
        if (stopping) ++stop_attempts;
      }
    }
    for (const auto &file : files_) {
      if (!file) continue;
      if (std::string err = file->rotate_if_due(host_.now_unix(), sync); !err.empty())
        note_error(err);
    }
    if (journal_dirty && now - last_write >= kIdleCheckpoint) {
      for (const auto &file : files_) {
        if (!file) continue;
        if (std::string err = file->checkpoint(sync); !err.empty()) note_error(err);
      }
      journal_dirty = false;
    }
    note_warnings();
    if (stopping && (pending_count_ == 0 || stop_attempts >= kStopAttempts)) break;
  }
  if (pending_count_ > 0) {
    host_.error("billing output: " + std::to_string(pending_count_.load()) +
                " record(s) could not be written before the stop (any already journaled are " +
                "appended at the next start; the others are lost)");
  }
  for (const auto &file : files_) {
    if (!file) continue;
    if (std::string err = file->close(sync); !err.empty()) host_.error("billing output: " + err);
  }
}

}  // namespace lineside::billing
