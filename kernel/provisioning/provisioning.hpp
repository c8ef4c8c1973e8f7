// provisioning/provisioning.hpp: the provisioning service: the store is the source of truth;
// writes are checked, committed to the store, then made visible in the Directory and announced
// (LS_EVENT_DEVICE_CHANGED), one at a time, all or nothing.
#pragma once

#include <deque>
#include <functional>
#include <string>

#include "directory/directory.hpp"
#include "provisioning/licences.hpp"
#include "provisioning/provisioning_ops.hpp"
#include "store/store.hpp"

namespace lineside::kernel {

class Provisioning {
 public:
  /// change is LS_DEVICE_*; old_user the SIP user before an update (else the device's).
  using DeviceEvent = std::function<void(uint32_t change, const Device &device, const std::string &old_user)>;
  /// status and JSON body of a finished write.
  using Reply = std::function<void(unsigned status, const std::string &body)>;
  using Operation = std::function<OpResult(const DirectoryData &now, const OpContext &ctx)>;

  Provisioning(Store &store, Directory &directory, OpContext ctx, DeviceEvent on_device);
  Provisioning(const Provisioning &) = delete;
  Provisioning &operator=(const Provisioning &) = delete;

  /// Start-up: read the saved directory into the Directory. Throws on an unreadable store.
  void load();
  /// Licence counts changed (configuration reload).
  void set_licences(LicenceCounts counts) { ctx_.licences = counts; }
  [[nodiscard]] const OpContext &context() const { return ctx_; }
  [[nodiscard]] const DirectoryData &data() const { return directory_.data(); }

  /// Queue a write; it runs after the ones before it. The reply comes on the SIP thread once the
  /// store committed (200/201 with the op's body), or the refusal (4xx), or 500 when the store
  /// failed (then nothing changed).
  void submit(Operation op, Reply reply);

  /// True when no write is in flight (import_now() may run).
  [[nodiscard]] bool idle() const { return !busy_ && queue_.empty(); }
  /**
   * Apply `result` (an op already run against data()) at once: write, flush the store, replace the
   * Directory, announce. For start-up and reload, when idle(). Throws std::runtime_error when the
   * store fails to commit.
   */
  void apply_now(OpResult result);

  /// The directory file's SHA-256 recorded at its last import ("" when never imported).
  [[nodiscard]] std::string imported_file_hash();
  /// Record it (after a successful file import).
  void remember_imported_file(const std::string &sha256);

 private:
  struct Pending {
    Operation op;
    Reply reply;
  };
  void run_next();
  void committed(DirectoryData next, bool ok, unsigned status, const std::string &body, const Reply &reply);
  void announce(const DirectoryData &before, const DirectoryData &after);

  Store &store_;
  Directory &directory_;
  OpContext ctx_;
  DeviceEvent on_device_;
  std::deque<Pending> queue_;
  bool busy_ = false;
};

}  // namespace lineside::kernel
