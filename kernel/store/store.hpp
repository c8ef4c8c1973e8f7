// The kernel's durable record store interface: namespaced tables of key -> bytes, written by group commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace lineside::kernel {

/** Counters describing the store's write activity since it was opened. */
struct StoreStats {
  uint64_t commits = 0;         ///< transactions committed
  uint64_t records_written = 0; ///< puts and erases committed
  uint64_t failed_commits = 0;  ///< transactions rolled back (their writes reported failed)
  uint64_t queue_depth_max = 0; ///< most writes ever waiting at once
  uint64_t largest_batch = 0;   ///< most writes ever put in one transaction
};

/**
 * A small durable store: each namespace is a table of unique keys mapping to arbitrary bytes.
 *
 * Writes are queued and committed in batches; each write's Done reports whether its batch
 * committed durably. Reads are synchronous and see only committed state.
 */
class Store {
public:
  /** Completion of one queued write: true once it is committed durably, false if it failed. */
  using Done = std::function<void(bool committed)>;
  /** Visitor of one record during scan(); return false to stop. Views are valid during the call. */
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;

  virtual ~Store() = default;
  Store() = default;
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  /** Queue an insert-or-replace of (ns, key) -> value. done may be empty. */
  virtual void put(std::string ns, std::string key, std::string value, Done done) = 0;
  /** Queue a delete of (ns, key); committed is true also when the key did not exist. */
  virtual void erase(std::string ns, std::string key, Done done) = 0;
  /**
   * Visit every committed record of ns in key order, synchronously. Callable from any thread,
   * also while writes are in flight. Returns the number of records visited, or -1 on error.
   */
  virtual int64_t scan(const std::string &ns, const Visitor &visit) = 0;
  /** Block until every write queued before the call is committed and its Done handed on. */
  virtual void flush() = 0;
  /** A snapshot of the write counters. */
  virtual StoreStats stats() const = 0;
};

} // namespace lineside::kernel
