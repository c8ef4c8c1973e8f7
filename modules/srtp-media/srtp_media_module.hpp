// srtp-media/srtp_media_module.hpp: the srtp-media module instance: the SDP hook, call events,
// the relay's lifetime, the inactivity timeout, metrics and the admin route.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "call_media.hpp"
#include "lineside/plugin.hpp"
#include "lineside/providers/capabilities.h"
#include "media_engine.hpp"
#include "srtp_media_settings.hpp"

namespace lineside::media {

/// Path of the module's admin route (relay state and counters).
inline constexpr const char *kMediaAdminPath = "/api/v1/media";
/// Q.850 cause given to call_end when media stops: 102 "recovery on timer expiry".
inline constexpr uint32_t kInactivityCause = 102;

class SrtpMediaModule final : public ModuleBase {
 public:
  /// init: settings, the SRTP backend, the capabilities provider, the port pool and the admin
  /// route. Throws (failing init) on any of them.
  explicit SrtpMediaModule(Host host);
  ~SrtpMediaModule() override;

  /// Starts the media threads and the 1 s housekeeping timer.
  void start() override;
  /// Stops the timer and joins the media threads (every port is given back).
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// LS_HOOK_SDP: rewrite an offer or answer for the leg that receives it, or refuse it.
  uint32_t on_sdp(const ls_sdp_args_t &args);
  /// LS_EVENT_CALL: the answer that won drops the other forks; the end releases everything.
  void on_call_event(uint32_t event_id, const void *payload);
  /// The 1 s timer: calls gone quiet are ended, metrics published.
  void housekeeping();
  void admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply);

  [[nodiscard]] size_t active_calls() const { return calls_.size(); }
  [[nodiscard]] MediaEngine &engine() { return *engine_; }

 private:
  [[nodiscard]] LegPolicy policy_for(const char *device_id, uint32_t transport,
                                     bool srtp_enabled) const;
  [[nodiscard]] bool srtp_enabled() const;
  void end_quiet_calls();
  void remember_ended(uint64_t call_id);
  void publish_metrics();
  /// Puts the media threads under settings_.realtime_priority; a refusal is a warning, never an
  /// error: the relay works the same on the normal scheduler.
  void apply_realtime_priority();

  SrtpMediaSettings settings_;
  const ls_capabilities_v1_t *capabilities_ = nullptr;
  void *capabilities_self_ = nullptr;
  std::unique_ptr<MediaEngine> engine_;
  std::unordered_map<uint64_t, std::unique_ptr<CallMedia>> calls_;
  /// Calls that ended lately: an SDP for one of them (a late retransmission) must not take ports
  /// that no LS_CALL_ENDED would ever give back.
  std::unordered_set<uint64_t> ended_;
  std::deque<uint64_t> ended_order_;
  ls_timer_id_t timer_ = 0;
  bool warned_no_call_end_ = false;
  std::unordered_map<std::string, uint64_t> published_;  ///< counter values already added
};

}  // namespace lineside::media
