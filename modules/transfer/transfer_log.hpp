// transfer/transfer_log.hpp: the transfers this module started: those still running (a second
// REFER on either call is refused while one runs) and the most recent outcomes, for the admin API.
#pragma once

#include <cstdint>
#include <deque>
#include <list>
#include <string>

namespace lineside::transfer {

/// One transfer. Its address is stable from start() to finish()/abandon() (the host's `done`
/// callback gets it as its argument).
struct TransferRecord {
  uint64_t id = 0;            ///< this module's own number, from 1
  uint64_t call_id = 0;       ///< the call whose party leaves
  uint32_t leaving_side = 0;  ///< LS_LEG_* of the transferor in call_id
  bool attended = false;
  std::string target_dn;       ///< blind: the number rung
  uint64_t with_call_id = 0;   ///< attended: the transferor's other call
  uint32_t with_side = 0;      ///< attended: the transferor's side in it
  std::string joining_device;  ///< attended: the device that joins call_id, "" when unknown
  std::string referrer;        ///< the REFER's From user
  int64_t started_unix_ms = 0;
  int64_t finished_unix_ms = 0;  ///< 0 while running
  uint32_t status = 0;           ///< 0 while running, then the host's outcome (200 = connected)
};

/// A transfer the kernel reported (LS_CALL_TRANSFERRED), whoever asked for it: a REFER this
/// module accepted, or an INVITE with Replaces sent by a phone.
struct TransferredEvent {
  uint64_t call_id = 0;
  std::string third_party_dn;     ///< who joined the call
  std::string transferred_by_dn;  ///< who left it
  std::string caller_dn;
  std::string callee_dn;
};

class TransferLog {
 public:
  explicit TransferLog(size_t keep_recent) : keep_recent_(keep_recent) {}

  /// Start tracking a transfer (fields filled by the caller, id assigned here).
  TransferRecord &start(TransferRecord record);
  /// The transfer ended with `status`: it moves to the recent outcomes.
  void finish(TransferRecord &record, uint32_t status, int64_t now_unix_ms);
  /// The host refused to start it: forget it entirely.
  void abandon(TransferRecord &record);
  /// The running transfer whose leaving party is in `call_id`, or nullptr.
  [[nodiscard]] TransferRecord *running_for(uint64_t call_id);
  /// True when a running transfer involves `call_id` (either of its calls).
  [[nodiscard]] bool busy(uint64_t call_id) const;
  [[nodiscard]] size_t running() const { return running_.size(); }
  [[nodiscard]] const std::deque<TransferRecord> &recent() const { return recent_; }
  /// Remember a kernel-reported transfer (bounded like the outcomes).
  void add_observed(TransferredEvent event);
  [[nodiscard]] const std::deque<TransferredEvent> &observed() const { return observed_; }
  /// {"running":[...],"recent":[...],"observed":[...]} (newest first in recent and observed).
  [[nodiscard]] std::string json() const;
  void set_keep_recent(size_t n);

 private:
  size_t keep_recent_;
  uint64_t next_id_ = 1;
  std::list<TransferRecord> running_;      ///< list: records keep their address
  std::deque<TransferRecord> recent_;      ///< newest first
  std::deque<TransferredEvent> observed_;  ///< newest first
};

}  // namespace lineside::transfer
