// auth/auth_settings.cpp: reading and validating the auth module's configuration.
#include "auth_settings.hpp"

#include <algorithm>

#include "ascii_text.hpp"

namespace lineside::auth {
namespace {

bool is_method_token(std::string_view text) {
  if (text.empty() || text.size() > 32) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

class SettingsReader {
 public:
  explicit SettingsReader(const Config &config) : config_(config) {}

  SettingsResult read() {
    read_algorithms();
    read_methods();
    read_nonce_lifetime();
    if (auto verify = config_.boolean("verify_uri")) settings_.verify_uri = *verify;
    read_throttle(config_.child("throttle"));
    SettingsResult result;
    if (errors_.empty()) result.settings = settings_;
    result.errors = std::move(errors_);
    return result;
  }

 private:
  void fail(const Config &node, const char *key, std::string message) {
    errors_.push_back(SettingsError{node.raw(), key, std::move(message)});
  }

  void read_algorithms() {
    const auto names = config_.strings("algorithms");
    if (names.empty()) {
      fail(config_, "algorithms", "must name at least one algorithm (MD5, SHA-256)");
      return;
    }
    std::vector<DigestAlgorithm> algorithms;
    for (const auto &name : names) {
      const auto algorithm = parse_algorithm(trim(name));
      if (!algorithm) {
        fail(config_, "algorithms", "unsupported algorithm '" + name + "' (expected MD5 or SHA-256)");
      } else if (std::find(algorithms.begin(), algorithms.end(), *algorithm) != algorithms.end()) {
        fail(config_, "algorithms", "algorithm '" + name + "' is listed twice");
      } else {
        algorithms.push_back(*algorithm);
      }
    }
    settings_.algorithms = std::move(algorithms);
  }

  void read_methods() {
    const auto names = config_.strings("methods");
    if (names.empty()) {
      fail(config_, "methods", "must name at least one SIP method");
      return;
    }
    std::vector<std::string> methods;
    for (const auto &name : names) {
      const std::string method = ascii_uppercase(trim(name));
      if (!is_method_token(method)) {
        fail(config_, "methods", "'" + name + "' is not a SIP method name");
      } else if (method == "ACK" || method == "CANCEL") {
        fail(config_, "methods", method + " cannot be challenged (RFC 3261 §22.1)");
      } else if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
        methods.push_back(method);
      }
    }
    settings_.methods = std::move(methods);
  }

  void read_nonce_lifetime() {
    const auto lifetime = config_.duration_ms("nonce_lifetime");
    if (!lifetime) return;
    if (*lifetime < kMinNonceLifetimeMs || *lifetime > kMaxNonceLifetimeMs) {
      fail(config_, "nonce_lifetime", "must be between 10s and 1d");
      return;
    }
    settings_.nonce_lifetime_ms = *lifetime;
  }

  void read_throttle(const Config &throttle) {
    if (!throttle.valid()) return;
    if (auto failures = throttle.integer("failures")) {
      if (*failures < kMinThrottleFailures || *failures > kMaxThrottleFailures) {
        fail(throttle, "failures", "must be between 1 and 1000");
      } else {
        settings_.throttle.failures = static_cast<uint32_t>(*failures);
      }
    }
    read_duration(throttle, "window", kMinThrottleWindowMs, kMaxThrottleWindowMs, "1s and 1d",
                  settings_.throttle.window_ms);
    read_duration(throttle, "block_for", kMinBlockMs, kMaxBlockMs, "1s and 7d",
                  settings_.throttle.block_ms);
    if (auto action = throttle.string("action")) {
      if (ascii_iequals(*action, "drop")) {
        settings_.block_action = BlockAction::drop;
      } else if (ascii_iequals(*action, "forbidden")) {
        settings_.block_action = BlockAction::forbidden;
      } else {
        fail(throttle, "action", "unknown action '" + *action + "' (expected drop or forbidden)");
      }
    }
  }

  void read_duration(const Config &node, const char *key, int64_t min, int64_t max,
                     const char *range, int64_t &out) {
    const auto value = node.duration_ms(key);
    if (!value) return;
    if (*value < min || *value > max) {
      fail(node, key, std::string("must be between ") + range);
      return;
    }
    out = *value;
  }

  const Config &config_;
  AuthSettings settings_;
  std::vector<SettingsError> errors_;
};

}  // namespace

SettingsResult read_settings(const Config &config) { return SettingsReader(config).read(); }

bool AuthSettings::challenges(std::string_view method) const {
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

}  // namespace lineside::auth
