// auth/auth_module.hpp: AuthModule, the plugin instance: digest challenges and source throttling.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "auth_settings.hpp"
#include "digest_verifier.hpp"
#include "failure_throttle.hpp"
#include "lineside/plugin.hpp"
#include "nonce_count_tracker.hpp"
#include "nonce_issuer.hpp"

namespace lineside::auth {

/// Most nonces whose nonce-count is remembered, and most source addresses the throttle tracks.
inline constexpr size_t kMaxTrackedNonces = 100'000;
inline constexpr size_t kMaxThrottledSources = 100'000;
/// How often blocks that ran out are released and expired nonce counts dropped.
inline constexpr uint64_t kHousekeepingIntervalMs = 1000;

/// The auth module. Hooks: `source_filter` (REQUEST_RECEIVED, drops or refuses blocked sources)
/// and `digest` (AUTHENTICATE, challenges and checks credentials). SIP thread only.
class AuthModule : public ModuleBase {
 public:
  /// Reads the config and looks up lineside.directory/1; throws std::runtime_error on failure.
  explicit AuthModule(Host host);

  void start() override;
  void stop() override;
  std::string check_reconfigure(const Config &config) override;
  void apply_reconfigure(const Config &config) override;

  /// REQUEST_RECEIVED hook.
  uint32_t filter_source(Request &request);
  /// AUTHENTICATE hook.
  uint32_t authenticate(Request &request);

  /// Release ended blocks and forget expired nonce counts (the housekeeping timer's work).
  void housekeeping();

  [[nodiscard]] const AuthSettings &settings() const { return settings_; }
  [[nodiscard]] const FailureThrottle &throttle() const { return throttle_; }

 private:
  /// Validate `config`, reporting every problem through host config_error; nullopt if invalid.
  std::optional<AuthSettings> load_settings(const Config &config);
  [[nodiscard]] std::optional<DeviceRecord> find_device_by_user(const std::string &user) const;
  /// The device a To/From user part names: by SIP user first, then by main DN.
  [[nodiscard]] std::optional<DeviceRecord> find_device_for_aor(const std::string &aor_user) const;
  uint32_t refuse_blocked(Request &request);
  uint32_t challenge(Request &request, bool is_register, bool stale);
  /// Count a failure from `source`; a block it starts is logged and applies from the next
  /// request on (this one still gets its answer).
  void count_failure(const std::string &source);
  /// Act on a verdict; `what` is the log line's text (no secrets).
  uint32_t answer(Request &request, const Verdict &verdict, const std::string &what,
                  const std::string &source, bool is_register, const DeviceRecord *device);
  void publish_blocked_gauge();

  AuthSettings settings_;
  const ls_directory_v1_t *directory_ = nullptr;
  void *directory_self_ = nullptr;
  NonceIssuer nonces_;
  NonceCountTracker nonce_counts_{kMaxTrackedNonces};
  FailureThrottle throttle_;
  DigestVerifier verifier_{nonces_, nonce_counts_};
  ls_timer_id_t housekeeping_timer_ = 0;
};

}  // namespace lineside::auth
