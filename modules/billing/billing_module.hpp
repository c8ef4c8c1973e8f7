// billing/billing_module.hpp: the billing module instance: call events in, SMDR / CDR records out
// to the durable files and the SMDR TCP stream, status on the admin API.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "billing_settings.hpp"
#include "call_tracker.hpp"
#include "lineside/plugin.hpp"
#include "record_writer.hpp"
#include "smdr_fields.hpp"
#include "smdr_stream_server.hpp"

namespace lineside::billing {

/// Path prefix of the billing admin routes (GET /api/v1/billing/status).
inline constexpr const char *kAdminPrefix = "/api/v1/billing";

class BillingModule final : public ModuleBase {
 public:
  /// init: reads the config, finds lineside.capabilities/1, adds the admin route. Throws on error.
  explicit BillingModule(Host host);
  ~BillingModule() override;

  /// Opens the outputs (replaying their journals) and starts the writer and stream threads.
  void start() override;
  /// Drains the writer (every queued record reaches its files) and closes the stream.
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  /// Restarts only what changed (writer and files, stream listener); tracked calls are kept.
  void apply_reconfigure(const Config &config) override;

  /// LS_EVENT_CALL observer.
  void on_call_event(uint32_t event_id, const void *payload);
  /// GET /api/v1/billing/status.
  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  /// The SMDR system options now (defaults when the provider cannot answer).
  [[nodiscard]] SmdrOptions smdr_options() const;
  [[nodiscard]] const CallTracker &tracker() const { return tracker_; }
  [[nodiscard]] const RecordWriter *writer() const { return writer_.get(); }
  [[nodiscard]] const SmdrStreamServer *stream() const { return stream_.get(); }
  [[nodiscard]] const BillingSettings &settings() const { return settings_; }

 private:
  void write_record(const CallRecord &call);
  void note_overflow(const CallRecord &call, const std::vector<std::string> &fields);
  void start_writer();
  void start_stream();
  std::string status_json() const;

  BillingSettings settings_;
  const ls_capabilities_v1_t *capabilities_ = nullptr;
  void *capabilities_self_ = nullptr;
  CallTracker tracker_;
  std::unique_ptr<RecordWriter> writer_;
  std::unique_ptr<SmdrStreamServer> stream_;
  std::string output_error_;  ///< why an output could not start ("" when all did)
  uint64_t smdr_records_ = 0;
  uint64_t cdr_records_ = 0;
  uint64_t overflows_ = 0;
};

}  // namespace lineside::billing
