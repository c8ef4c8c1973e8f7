// billing/record_writer.hpp: the writer thread that takes finished records off the SIP thread and
// appends them to the durable output files under the fsync policy.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "durable_file.hpp"
#include "lineside/plugin.hpp"

namespace lineside::billing {

/// When the journal is fsynced before records become visible.
enum class FsyncPolicy {
  every_record,  ///< each batch the thread picks up (usually one record) is fsynced first
  interval,      ///< records are gathered and journaled + fsynced once per interval (group commit)
  never,         ///< no fsync: the OS flushes (survives a process crash, not a power cut)
};

/// The outputs a record can go to.
enum class Output : size_t { smdr = 0, cdr_json = 1, cdr_csv = 2 };
inline constexpr size_t kOutputCount = 3;
const char *output_name(Output output);

/// One finished call for each output ("" = nothing for that output).
struct OutputRecord {
  std::array<std::string, kOutputCount> text;
};

struct WriterSettings {
  FsyncPolicy fsync = FsyncPolicy::every_record;
  int64_t fsync_interval_ms = 1000;  ///< FsyncPolicy::interval
  size_t max_queue = 100000;         ///< records waiting (queued or being retried) beyond this
                                     ///< are dropped rather than block the SIP thread
};

/// What the writer has done, for the admin status and metrics.
struct WriterStats {
  std::array<uint64_t, kOutputCount> written{};  ///< records appended per output
  uint64_t dropped = 0;                          ///< records refused because the queue was full
  uint64_t write_errors = 0;                     ///< failed write attempts (retried)
  uint64_t replayed = 0;                         ///< records the journals replayed at start
  size_t queued = 0;                             ///< records waiting
  std::string last_error;                        ///< "" when none
};

/**
 * Owns the output files and one thread. submit() (SIP thread) only queues and never blocks on
 * the disk; the thread journals, fsyncs per policy, appends, rotates (also on its 1 s tick for
 * daily rotation) and checkpoints. A failed write is retried every second with the same records,
 * so a full disk delays records instead of losing them while the queue has room. stop() drains
 * the queue and closes the files.
 */
class RecordWriter {
 public:
  RecordWriter(Host host, WriterSettings settings);
  ~RecordWriter();
  RecordWriter(const RecordWriter &) = delete;
  RecordWriter &operator=(const RecordWriter &) = delete;

  /// Give `file` to the writer for `output` (before start()).
  void set_output(Output output, std::unique_ptr<DurableFile> file);
  [[nodiscard]] bool has_output(Output output) const { return files_[index(output)] != nullptr; }
  /// Open every output (replaying journals; blocking, for module start) and start the thread.
  /// Returns "" or the first error (nothing started then).
  std::string start();
  /// Queue a record. Returns false (and counts it dropped) when the queue is full or stopped.
  bool submit(OutputRecord record);
  /// Drain, close the files and join the thread. Idempotent.
  void stop();
  [[nodiscard]] WriterStats stats() const;
  /// The path of an output's file, "" when it has none.
  [[nodiscard]] std::string path_of(Output output) const;

 private:
  static size_t index(Output o) { return static_cast<size_t>(o); }
  void run();
  /// Write what is pending to every output; returns true when nothing is left pending.
  bool flush(bool sync);
  void note_error(const std::string &error);
  void note_warnings();

  Host host_;
  WriterSettings settings_;
  std::array<std::unique_ptr<DurableFile>, kOutputCount> files_;
  std::array<std::vector<std::string>, kOutputCount> pending_;  ///< writer thread only
  std::atomic<size_t> pending_count_{0};                        ///< records in pending_
  std::string last_logged_error_;                               ///< writer thread only
  int64_t last_error_log_ms_ = 0;                               ///< writer thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<OutputRecord> queue_;
  bool running_ = false;
  bool stopping_ = false;
  WriterStats stats_;
  std::thread thread_;
};

}  // namespace lineside::billing
