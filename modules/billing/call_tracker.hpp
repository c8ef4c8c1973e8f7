// billing/call_tracker.hpp: per-call state between a call's first event and its ENDED event.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>

#include "call_record.hpp"
#include "lineside/call.h"

namespace lineside::billing {

/**
 * Keeps what a call's ATTEMPT / RINGING / ANSWERED / TRANSFERRED events told (keyed by call_id)
 * until its ENDED event turns it into a CallRecord and drops it. The ENDED event alone is enough
 * for a record (it repeats every field), so a call the table never saw (or evicted) still gets
 * one; what only earlier events carried (a transfer, forwarding) is merged in. Bounded: past
 * `capacity` calls, the oldest is evicted. Fields appended to ls_call_event_t after ABI 1.0 are
 * read only when the event's size covers them. SIP thread only.
 */
class CallTracker {
 public:
  explicit CallTracker(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// Feed one event. Returns the finished call for LS_CALL_ENDED, nothing otherwise.
  std::optional<CallRecord> on_event(const ls_call_event_t &event);

  /// A new bound (reload); a smaller one takes effect as new calls arrive.
  void set_capacity(size_t capacity) { capacity_ = capacity == 0 ? 1 : capacity; }
  [[nodiscard]] size_t size() const { return calls_.size(); }
  [[nodiscard]] size_t capacity() const { return capacity_; }
  /// Calls evicted because the table was full (their ENDED still writes a record).
  [[nodiscard]] uint64_t evicted() const { return evicted_; }

 private:
  struct Tracked {
    CallRecord record;
    uint64_t order = 0;
  };
  Tracked &entry_for(uint64_t call_id);
  void evict_oldest();

  size_t capacity_;
  uint64_t next_order_ = 1;
  uint64_t evicted_ = 0;
  std::unordered_map<uint64_t, Tracked> calls_;
  std::map<uint64_t, uint64_t> by_age_;  ///< order -> call_id
};

/// Copy the fields `event` carries into `record` (strings copied; absent/NULL fields leave what
/// the record already holds, flags only ever turn on, the first answering party is kept).
void merge_event(CallRecord &record, const ls_call_event_t &event);

}  // namespace lineside::billing
