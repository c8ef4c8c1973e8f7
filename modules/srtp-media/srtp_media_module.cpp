// srtp-media/srtp_media_module.cpp: module lifetime, the SDP hook and call events.
#include "srtp_media_module.hpp"

#include <cstddef>
#include <stdexcept>
#include <thread>

#include "core/srtp_backend.hpp"

namespace lineside::media {
namespace {

void on_timer(void *arg, ls_timer_id_t) {
  static_cast<SrtpMediaModule *>(arg)->housekeeping();
}

void on_admin(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<SrtpMediaModule *>(arg)->admin_get(req, reply);
}

uint32_t leg_number(uint32_t side, uint32_t leg_index) {
  return side == LS_LEG_CALLER ? kCallerLeg : leg_index + 1;
}

}  // namespace

SrtpMediaModule::SrtpMediaModule(Host host) : ModuleBase(host) {
  auto settings = read_srtp_media_settings(host, host.config());
  if (!settings) throw std::runtime_error("invalid srtp-media configuration");
  settings_ = std::move(*settings);
  std::string error;
  if (!srtp::install_srtp_backend(error)) throw std::runtime_error("SRTP backend: " + error);
  capabilities_ = host.provider<ls_capabilities_v1_t>(LS_CAPABILITIES_PROVIDER,
                                                      LS_CAPABILITIES_VERSION, &capabilities_self_);
  if (!capabilities_) throw std::runtime_error("the lineside.capabilities/1 provider is missing");
  auto pool =
      PortPool::create(settings_.bind, settings_.port_min, settings_.port_max, settings_.tos);
  engine_ = std::make_unique<MediaEngine>(std::move(pool), settings_.media_threads);
  engine_->set_inactivity_timeout_ms(settings_.inactivity_timeout_ms);
  if (host.raw()->admin_route(host.ctx(), "GET", kMediaAdminPath, &on_admin, this) != 0) {
    throw std::runtime_error(std::string("admin route ") + kMediaAdminPath + " is taken");
  }
}

SrtpMediaModule::~SrtpMediaModule() {
  stop();
}

void SrtpMediaModule::start() {
  std::string error;
  if (!engine_->start(error)) throw std::runtime_error(error);
  apply_realtime_priority();
  timer_ = host().raw()->timer_start(host().ctx(), 1000, 1000, &on_timer, this);
  host().info("relay on " + settings_.bind_address + " ports " +
              std::to_string(settings_.port_min) + "-" + std::to_string(settings_.port_max) + ", " +
              std::to_string(engine_->thread_count()) + " media thread(s)");
}

void SrtpMediaModule::stop() {
  if (timer_) host().raw()->timer_cancel(host().ctx(), timer_);
  timer_ = 0;
  if (engine_) engine_->stop();
  calls_.clear();
}

std::string SrtpMediaModule::check_reconfigure(const Config &config) {
  auto next = read_srtp_media_settings(host(), config);
  if (!next) return "invalid srtp-media configuration";
  if (!next->same_relay(settings_)) {
    return "bind_address, port_min, port_max, media_threads and dscp take effect only after a "
           "restart";
  }
  return {};
}

void SrtpMediaModule::apply_reconfigure(const Config &config) {
  auto next = read_srtp_media_settings(host(), config);
  if (!next) return;
  const bool priority_changed = next->realtime_priority != settings_.realtime_priority;
  settings_ = std::move(*next);  // calls in progress see the new policy from their next SDP
  engine_->set_inactivity_timeout_ms(settings_.inactivity_timeout_ms);
  if (priority_changed) apply_realtime_priority();
}

void SrtpMediaModule::apply_realtime_priority() {
  const int wanted = settings_.realtime_priority;
  if (wanted == 0 && engine_->realtime_priority() == 0) return;  // never raised: nothing to undo
  std::string error;
  if (engine_->set_realtime_priority(wanted, error)) {
    if (wanted == 0) return;
    host().info("media threads run under SCHED_FIFO, priority " + std::to_string(wanted));
    const unsigned cores = std::thread::hardware_concurrency();
    if (cores > 0 && engine_->thread_count() >= cores) {
      host().warning("realtime_priority with a media thread on each of the " +
                     std::to_string(cores) +
                     " cores: a saturated relay would leave the SIP thread only the kernel's "
                     "realtime throttling margin; set media_threads below the core count");
    }
    return;
  }
  host().warning("cannot run the media threads under SCHED_FIFO priority " +
                 std::to_string(wanted) + " (" + error +
                 "): they stay on the normal scheduler; realtime_priority needs CAP_SYS_NICE or "
                 "an RLIMIT_RTPRIO (systemd LimitRTPRIO=) of at least " +
                 std::to_string(wanted));
}

bool SrtpMediaModule::srtp_enabled() const {
  ls_system_options_t options{};
  options.size = sizeof options;
  if (capabilities_->system_options(capabilities_self_, &options) != 0) return false;
  return options.srtp_enabled != 0;
}

LegPolicy SrtpMediaModule::policy_for(const char *device_id, uint32_t transport,
                                      bool srtp_on) const {
  ModeInputs in;
  in.srtp_enabled = srtp_on;
  in.is_device = device_id != nullptr && *device_id != '\0';
  in.default_mode = settings_.default_mode;
  in.trunk_mode = settings_.trunk_mode;
  if (in.is_device) {
    ls_capability_profile_t profile{};
    profile.size = sizeof profile;
    // An unknown device keeps profile_avp_only = true: never SRTP for what we cannot identify.
    if (capabilities_->profile_of_device(capabilities_self_, device_id, &profile) == 0) {
      in.profile_avp_only = profile.avp_only != 0;
    }
    if (auto it = settings_.device_modes.find(device_id); it != settings_.device_modes.end()) {
      in.device_override = it->second;
    }
  }
  LegPolicy p;
  p.mode = resolve_mode(in);
  p.keys_allowed = transport == LS_TRANSPORT_TLS || settings_.allow_keys_over_plain_transport;
  return p;
}

uint32_t SrtpMediaModule::on_sdp(const ls_sdp_args_t &a) {
  const ls_host_t *h = host().raw();
  const bool offer = a.kind == LS_SDP_OFFER;
  const uint32_t from = leg_number(a.from_side, a.leg_index);
  const uint32_t to = leg_number(a.to_side, a.leg_index);
  if (ended_.count(a.call_id)) {
    h->sdp_reject(a.edit, 481);  // Call/Transaction Does Not Exist
    return LS_VERDICT_STOP;
  }
  try {
    auto &slot = calls_[a.call_id];
    if (!slot) {
      slot = std::make_unique<CallMedia>(
          a.call_id, settings_.negotiation,
          [pool = engine_->shared_pool()](std::string &error) { return pool->allocate(error); });
    }
    CallMedia &call = *slot;
    call.note_leg(from, a.from_device_id);
    if (to != kCallerLeg) call.note_leg(to, a.to_device_id);
    const bool srtp_on = srtp_enabled();
    const LegPolicy to_policy = policy_for(a.to_device_id, a.to_transport, srtp_on);
    const std::string_view body(a.body, a.body_len);
    SdpVerdict v;
    if (offer) {
      // A host of ABI 1.0 does not say how the offer came: then the answer's check refuses an
      // offerer that needs keys it may not be sent, after the callee answered instead of now.
      const bool told = a.size >= offsetof(ls_sdp_args_t, from_transport) + sizeof a.from_transport;
      const uint32_t from_transport = told ? a.from_transport : LS_TRANSPORT_TLS;
      LegPolicy from_policy = policy_for(a.from_device_id, from_transport, srtp_on);
      v = call.offer(from, to, body, from_policy, to_policy);
    } else {
      v = call.answer(from, to, body, to_policy);
    }
    const std::string what =
        "call " + std::to_string(a.call_id) + ": " + (offer ? "offer" : "answer");
    if (v.refuse) {
      host().warning(what + " refused with " + std::to_string(v.status) + ": " + v.reason);
      host().metric_add("sdp_refused");
      h->sdp_reject(a.edit, v.status);
      return LS_VERDICT_STOP;
    }
    if (v.body) h->sdp_replace(a.edit, v.body->data(), v.body->size());
    if (v.command) {
      host().info(what + " set up media: " + v.summary);
      engine_->post(std::move(*v.command));
    }
    return LS_VERDICT_CONTINUE;
  } catch (const std::exception &e) {
    // Never fail open here: an unchanged body would carry one leg's key to the other.
    host().error("call " + std::to_string(a.call_id) + ": SDP handling failed: " + e.what());
    h->sdp_reject(a.edit, 500);
    return LS_VERDICT_STOP;
  }
}

void SrtpMediaModule::on_call_event(uint32_t, const void *payload) {
  const auto *ev = static_cast<const ls_call_event_t *>(payload);
  if (!LS_HAS_FIELD(ev, ls_call_event_t, ended_by)) return;
  if (ev->change == LS_CALL_ENDED) remember_ended(ev->call_id);
  auto it = calls_.find(ev->call_id);
  if (it == calls_.end()) return;
  if (ev->change == LS_CALL_ANSWERED) {
    if (auto command = it->second->answered(ev->callee_device_id))
      engine_->post(std::move(*command));
  } else if (ev->change == LS_CALL_ENDED) {
    if (it->second->at_relay()) {
      RelayCommand remove;
      remove.kind = RelayCommand::Kind::remove;
      remove.call_id = ev->call_id;
      engine_->post(std::move(remove));
    }
    calls_.erase(it);  // ports not yet at the relay are given back here
  }
}

void SrtpMediaModule::remember_ended(uint64_t call_id) {
  constexpr size_t kRemembered = 4096;
  if (!ended_.insert(call_id).second) return;
  ended_order_.push_back(call_id);
  if (ended_order_.size() > kRemembered) {
    ended_.erase(ended_order_.front());
    ended_order_.pop_front();
  }
}

void SrtpMediaModule::housekeeping() {
  end_quiet_calls();
  publish_metrics();
}

void SrtpMediaModule::end_quiet_calls() {
  const ls_host_t *h = host().raw();
  const bool can_end = LS_HAS_FIELD(h, ls_host_t, call_end) && h->call_end != nullptr;
  for (uint64_t id : engine_->take_timeouts()) {
    if (!calls_.count(id)) continue;
    if (!can_end) {
      if (!warned_no_call_end_)
        host().warning("this host cannot end calls: inactivity timeout ignored");
      warned_no_call_end_ = true;
      continue;
    }
    host().notice("call " + std::to_string(id) + ": no media for " +
                  std::to_string(settings_.inactivity_timeout_ms / 1000) + " s, ending it");
    host().metric_add("calls_ended_inactive");
    h->call_end(host().ctx(), id, kInactivityCause, "RTP inactivity timeout");
  }
}

}  // namespace lineside::media
