// transfer/transfer_module.hpp: the transfer module instance: takes REFERs inside calls (blind and
// attended transfer, RFC 3515/3891/3892) and has the kernel execute them (host->call_transfer),
// refuses REFERs outside a dialog, follows call parties, reports outcomes.
#pragma once

#include <cstdint>
#include <string>

#include "call_parties.hpp"
#include "lineside/plugin.hpp"
#include "refer_plan.hpp"
#include "transfer_log.hpp"
#include "transfer_settings.hpp"

namespace lineside::transfer {

/// Path of the module's admin route.
inline constexpr const char *kAdminPath = "/api/v1/transfers";

class TransferModule final : public ModuleBase {
 public:
  /// init: reads the config (throws on a bad one) and adds the admin route.
  explicit TransferModule(Host host);

  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_IN_DIALOG for REFER: refuse it, or accept it (202) and start the transfer.
  uint32_t on_refer_in_dialog(Request &req, const ls_in_dialog_args_t &args);
  /// LS_HOOK_REQUEST for REFER: outside a dialog it is refused (403); a REFER with a To tag that
  /// matched no call is left to the kernel (481).
  uint32_t on_refer_outside(Request &req);
  /// LS_EVENT_CALL: follows who is on each side of each call.
  void on_call_event(uint32_t event_id, const void *payload);
  /// GET /api/v1/transfers.
  void admin_list(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] const TransferLog &log() const { return log_; }
  [[nodiscard]] const CallParties &parties() const { return parties_; }

 private:
  /// host->call_transfer's completion: `arg` is the TransferRecord.
  static void on_transfer_done(void *arg, uint64_t call_id, uint32_t status);
  void transfer_done(TransferRecord &record, uint32_t status);
  /// Read the REFER into the planner's facts.
  ReferFacts read_facts(Request &req) const;
  /// Attended: resolve the Replaces to a call and check it may be taken. Returns the status to
  /// refuse with (0 when it may proceed) and fills record's with_* and joining_device.
  uint32_t resolve_replaces(const ReferPlan &plan, const ls_in_dialog_args_t &args,
                            TransferRecord &record, std::string &reason) const;
  uint32_t refuse(Request &req, uint32_t status, const std::string &reason, const char *metric);
  [[nodiscard]] bool host_can_transfer() const;

  TransferSettings settings_;
  LocalHosts hosts_;
  TransferLog log_;
  CallParties parties_;
};

}  // namespace lineside::transfer
