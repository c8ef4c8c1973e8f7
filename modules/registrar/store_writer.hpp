// registrar/store_writer.hpp: durable writes of binding changes through host->store_put /
// store_delete, with one completion per batch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lineside/plugin.hpp"
#include "register_processor.hpp"

namespace lineside::registrar {

/// Table name of the registrar's records in the host store.
inline constexpr const char *kBindingsTable = "bindings";

/// Issues store writes and reports when a batch is durable. SIP thread only.
class StoreWriter {
 public:
  /// Completion of a batch: ok = every write committed.
  using Done = std::function<void(bool ok)>;

  explicit StoreWriter(Host host) : host_(host) {}
  StoreWriter(const StoreWriter &) = delete;
  StoreWriter &operator=(const StoreWriter &) = delete;

  /**
   * Write every change (put the encoded `after`, or delete when there is none). `done` runs once
   * every write has completed. Returns true when `done` will run later from a store callback,
   * false when it has already run (every write was refused or completed before this returned).
   */
  bool write(const std::vector<BindingChange> &changes, Done done);

  /// Delete one record without waiting (expiry, restore clean-up); a failure is logged.
  void erase(const std::string &store_key);

 private:
  struct Batch {
    StoreWriter *owner = nullptr;
    uint64_t id = 0;
    uint32_t outstanding = 0;
    bool issuing = true;
    bool failed = false;
    std::vector<std::string> values;  ///< encoded records, alive until the batch completes
    Done done;
  };
  struct PendingErase {
    StoreWriter *owner;
    std::string key;
  };
  static void on_write_done(void *arg, int status);
  static void on_erase_done(void *arg, int status);
  void complete(Batch &batch);

  Host host_;
  uint64_t next_batch_id_ = 1;
  std::unordered_map<uint64_t, std::unique_ptr<Batch>> batches_;
};

}  // namespace lineside::registrar
