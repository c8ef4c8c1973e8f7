// auth/auth_module.cpp: AuthModule: request filtering by source, challenges, verdicts, reloads.
#include "auth_module.hpp"

#include <cstring>
#include <stdexcept>
#include <vector>

#include "ascii_text.hpp"
#include "challenge_builder.hpp"
#include "credentials_selection.hpp"

namespace lineside::auth {
namespace {

void on_housekeeping_timer(void *arg, ls_timer_id_t) noexcept {
  auto *module = static_cast<AuthModule *>(arg);
  try {
    module->housekeeping();
  } catch (const std::exception &e) {
    module->host().error(std::string("housekeeping failed: ") + e.what());
  } catch (...) {
    module->host().error("housekeeping failed");
  }
}

std::string describe_duration(int64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

std::string copy_text(const char *text) { return text ? std::string(text) : std::string(); }

DeviceRecord copy_device(const ls_device_info_t &info) {
  DeviceRecord device;
  device.device_id = copy_text(info.device_id);
  device.user = copy_text(info.user);
  device.dn = copy_text(info.dn);
  device.realm = copy_text(info.realm);
  device.ha1_md5 = copy_text(info.ha1_md5);
  device.ha1_sha256 = copy_text(info.ha1_sha256);
  device.auth_enabled = info.auth_enabled != 0;
  return device;
}

}  // namespace

AuthModule::AuthModule(Host host)
    : ModuleBase(host), throttle_(ThrottlePolicy{}, kMaxThrottledSources) {
  auto settings = load_settings(host.config());
  if (!settings) throw std::runtime_error("invalid configuration (see the errors reported above)");
  settings_ = std::move(*settings);
  throttle_.set_policy(settings_.throttle);
  directory_ = host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION,
                                                &directory_self_);
  if (directory_ == nullptr || !LS_HAS_FIELD(directory_, ls_directory_v1_t, device_by_dn) ||
      directory_->device_by_user == nullptr || directory_->device_by_dn == nullptr) {
    throw std::runtime_error("provider lineside.directory/1 is not available");
  }
}

void AuthModule::start() {
  housekeeping_timer_ = host().raw()->timer_start(host().ctx(), kHousekeepingIntervalMs,
                                                  kHousekeepingIntervalMs, &on_housekeeping_timer,
                                                  this);
  if (housekeeping_timer_ == 0) throw std::runtime_error("cannot start the housekeeping timer");
  publish_blocked_gauge();
}

void AuthModule::stop() {
  if (housekeeping_timer_ != 0) host().raw()->timer_cancel(host().ctx(), housekeeping_timer_);
  housekeeping_timer_ = 0;
}

std::optional<AuthSettings> AuthModule::load_settings(const Config &config) {
  SettingsResult result = read_settings(config);
  for (const SettingsError &error : result.errors) {
    host().config_error(Config(host().raw(), error.node), error.key.c_str(), error.message);
  }
  return result.settings;
}

std::string AuthModule::check_reconfigure(const Config &config) {
  return load_settings(config) ? std::string() : std::string("invalid auth configuration");
}

void AuthModule::apply_reconfigure(const Config &config) {
  SettingsResult result = read_settings(config);
  if (!result.settings) {
    host().error("reload refused: the configuration no longer validates");
    return;
  }
  settings_ = std::move(*result.settings);
  throttle_.set_policy(settings_.throttle);
  host().notice("configuration reloaded");
}

std::optional<DeviceRecord> AuthModule::find_device_by_user(const std::string &user) const {
  ls_device_info_t info{};
  info.size = sizeof info;
  if (directory_->device_by_user(directory_self_, user.c_str(), &info) != 0) return std::nullopt;
  return copy_device(info);
}

std::optional<DeviceRecord> AuthModule::find_device_for_aor(const std::string &aor_user) const {
  if (aor_user.empty()) return std::nullopt;
  if (auto device = find_device_by_user(aor_user)) return device;
  ls_device_info_t info{};
  info.size = sizeof info;
  if (directory_->device_by_dn(directory_self_, aor_user.c_str(), &info) != 0) return std::nullopt;
  return copy_device(info);
}

void AuthModule::publish_blocked_gauge() {
  host().metric_set("blocked_sources", static_cast<int64_t>(throttle_.blocked_count()));
}

uint32_t AuthModule::refuse_blocked(Request &request) {
  host().metric_add("blocked_requests");
  if (settings_.block_action == BlockAction::forbidden && request.method() != "ACK") {
    request.respond(403, "Forbidden");
  } else {
    request.respond(0);
  }
  return LS_VERDICT_STOP;
}

void AuthModule::count_failure(const std::string &source) {
  host().metric_add("failures");
  if (source.empty()) return;  // no address to attribute it to: never block "everyone"
  if (!throttle_.record_failure(source, host().now_mono_ms())) return;
  const ThrottlePolicy &policy = throttle_.policy();
  host().warning("blocking " + printable_excerpt(source) + " for " +
                 describe_duration(policy.block_ms) + " after " + std::to_string(policy.failures) +
                 " failed authentications");
  publish_blocked_gauge();
}

uint32_t AuthModule::challenge(Request &request, bool is_register, bool stale) {
  const std::string realm = host().sip_domain();
  const std::string nonce = nonces_.issue(host().now_mono_ms(), realm);
  request.respond(is_register ? 401 : 407, nullptr,
                  challenge_headers(settings_.algorithms, realm, nonce, stale, !is_register));
  host().metric_add("challenges");
  if (stale) host().metric_add("stale");
  return LS_VERDICT_STOP;
}

uint32_t AuthModule::filter_source(Request &request) {
  const ls_peer_t peer = request.peer();
  const std::string source(peer.addr, strnlen(peer.addr, sizeof peer.addr));
  if (!throttle_.is_blocked(source, host().now_mono_ms())) return LS_VERDICT_CONTINUE;
  return refuse_blocked(request);
}

uint32_t AuthModule::authenticate(Request &request) {
  const std::string method(request.method());
  if (!settings_.challenges(method) || request.has_field(LS_FIELD_TO_TAG)) return LS_VERDICT_CONTINUE;
  const ls_peer_t peer = request.peer();
  const std::string source(peer.addr, strnlen(peer.addr, sizeof peer.addr));
  const int64_t now = host().now_mono_ms();
  if (throttle_.is_blocked(source, now)) return refuse_blocked(request);

  const bool is_register = method == "REGISTER";
  const std::string aor_user(request.field(is_register ? LS_FIELD_TO_USER : LS_FIELD_FROM_USER));
  if (auto claimed = find_device_for_aor(aor_user); claimed && !claimed->auth_enabled) {
    request.set_attr("auth.device_id", claimed->device_id);
    host().debug(method + " from " + source + ": device " + printable_excerpt(claimed->device_id) +
                 " has authentication off");
    return LS_VERDICT_CONTINUE;
  }

  const char *header_name = is_register ? "Authorization" : "Proxy-Authorization";
  std::vector<std::string_view> values;
  for (uint32_t i = 0; i < kMaxCredentialsHeaders; ++i) {
    const char *value = request.header(header_name, i);
    if (value == nullptr) break;
    values.emplace_back(value);
  }
  const std::string realm = host().sip_domain();
  CredentialsSelection selection = select_credentials(values, realm);
  if (!selection.credentials) {
    if (selection.present) {
      host().debug(method + " from " + source + ": unusable credentials (" +
                   printable_excerpt(selection.error, 96) + ")");
      if (!selection.malformed_username.empty()) count_failure(source);
    }
    return challenge(request, is_register, false);
  }

  const DigestCredentials &creds = *selection.credentials;
  const std::optional<DeviceRecord> device = find_device_by_user(creds.username);
  const std::string request_uri(request.field(LS_FIELD_REQUEST_URI));
  const RequestFacts facts{method, request_uri, aor_user, realm, now};
  const Verdict verdict = verifier_.verify(settings_, creds, device ? &*device : nullptr, facts);
  const std::string what = method + " from " + source + " as user " +
                           printable_excerpt(creds.username) + ": " + verdict.reason;
  return answer(request, verdict, what, source, is_register, device ? &*device : nullptr);
}

uint32_t AuthModule::answer(Request &request, const Verdict &verdict, const std::string &what,
                            const std::string &source, bool is_register,
                            const DeviceRecord *device) {
  if (verdict.decision == Decision::accept) {
    request.set_attr("auth.user", device->user);
    request.set_attr("auth.device_id", device->device_id);
    request.set_attr("auth.algorithm", std::string(algorithm_name(verdict.algorithm)));
    host().metric_add("successes");
    host().debug(what);
    return LS_VERDICT_CONTINUE;
  }
  const bool refusal = verdict.decision == Decision::forbidden || verdict.decision == Decision::bad_request;
  if (verdict.counts_as_failure || refusal) {
    host().info(what);
  } else {
    host().debug(what);
  }
  if (verdict.counts_as_failure) count_failure(source);
  switch (verdict.decision) {
    case Decision::forbidden:
      request.respond(403, "Forbidden");
      return LS_VERDICT_STOP;
    case Decision::bad_request:
      request.respond(400, "Bad Request");
      return LS_VERDICT_STOP;
    case Decision::stale_challenge:
      return challenge(request, is_register, true);
    case Decision::challenge:
    case Decision::accept:
      break;
  }
  return challenge(request, is_register, false);
}

void AuthModule::housekeeping() {
  const int64_t now = host().now_mono_ms();
  const std::vector<std::string> released = throttle_.sweep(now);
  for (const std::string &source : released) {
    host().notice("unblocking " + printable_excerpt(source) + ": its block has ended");
  }
  if (!released.empty()) publish_blocked_gauge();
  nonce_counts_.purge_expired(now, settings_.nonce_lifetime_ms);
}

}  // namespace lineside::auth
