// auth/auth_settings.hpp: the module's settings, read and validated from its `config:` node.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "digest_algorithm.hpp"
#include "failure_throttle.hpp"
#include "lineside/plugin.hpp"

namespace lineside::auth {

/// What a blocked source gets.
enum class BlockAction {
  drop,     ///< nothing (respond with status 0)
  forbidden ///< 403 Forbidden
};

/// Validated settings. Defaults match the schema's.
struct AuthSettings {
  std::vector<DigestAlgorithm> algorithms{DigestAlgorithm::sha256, DigestAlgorithm::md5};
  std::vector<std::string> methods{"REGISTER", "INVITE", "SUBSCRIBE"}; ///< uppercase
  int64_t nonce_lifetime_ms = 300'000;
  bool verify_uri = true;
  ThrottlePolicy throttle;
  BlockAction block_action = BlockAction::drop;

  /// True when requests of `method` are challenged.
  [[nodiscard]] bool challenges(std::string_view method) const;
};

/// Limits also declared in the schema (checked again here: a host may be lenient).
inline constexpr int64_t kMinNonceLifetimeMs = 1'000;  // short lifetimes are for labs and tests
inline constexpr int64_t kMaxNonceLifetimeMs = 86'400'000;
inline constexpr int64_t kMinThrottleFailures = 1;
inline constexpr int64_t kMaxThrottleFailures = 1000;
inline constexpr int64_t kMinThrottleWindowMs = 1'000;
inline constexpr int64_t kMaxThrottleWindowMs = 86'400'000;
inline constexpr int64_t kMinBlockMs = 1'000;
inline constexpr int64_t kMaxBlockMs = 7 * 86'400'000LL;

/// One problem found in the config: where it is and what is wrong.
struct SettingsError {
  const ls_config_t *node = nullptr; ///< the map holding `key`
  std::string key;
  std::string message;
};

/// Settings, or the errors that prevent them.
struct SettingsResult {
  std::optional<AuthSettings> settings;
  std::vector<SettingsError> errors;
};

/// Read and validate `config` (the module's `config:` map). The host fills schema defaults; a key
/// that is still absent keeps the AuthSettings default, an explicitly empty list is an error.
[[nodiscard]] SettingsResult read_settings(const Config &config);

}  // namespace lineside::auth
