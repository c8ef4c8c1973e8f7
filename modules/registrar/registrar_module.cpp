// registrar/registrar_module.cpp: registrar lifecycle, reload and the REGISTER hook with its
// durable commit (the 200 is sent only once the store has committed the change).
#include "registrar_module.hpp"

#include <stdexcept>

#include "register_admission.hpp"
#include "register_input.hpp"
#include "register_response.hpp"

namespace lineside::registrar {
namespace {

constexpr uint64_t kExpiryTickMs = 1000;

void expiry_tick(void *arg, ls_timer_id_t) {
  auto *self = static_cast<RegistrarModule *>(arg);
  try {
    self->expire_due();
  } catch (const std::exception &e) {
    self->host().error(std::string("expiry tick failed: ") + e.what());
  }
}

void admin_get_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<RegistrarModule *>(arg)->admin_get(req, reply);
}

void admin_delete_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<RegistrarModule *>(arg)->admin_delete(req, reply);
}

}  // namespace

RegistrarModule::RegistrarModule(Host host)
    : ModuleBase(host), writer_(host), location_(table_, host) {
  auto settings = read_registrar_settings(host, host.config());
  if (!settings) throw std::runtime_error("invalid registrar configuration");
  settings_ = *settings;

  directory_ = host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION,
                                                &directory_self_);
  if (!directory_ || !LS_HAS_FIELD(directory_, ls_directory_v1_t, device_by_user) ||
      !directory_->device_by_user)
    throw std::runtime_error("the registrar needs lineside.directory/1 with device_by_user");

  const ls_host_t *raw = host.raw();
  if (raw->provider_register(host.ctx(), LS_LOCATION_PROVIDER, LS_LOCATION_VERSION,
                             LocationService::provider_table(), &location_) != 0)
    throw std::runtime_error("cannot offer lineside.location/1 (already provided?)");
  if (raw->admin_route(host.ctx(), "GET", kAdminPrefix, &admin_get_route, this) != 0 ||
      raw->admin_route(host.ctx(), "DELETE", kAdminPrefix, &admin_delete_route, this) != 0)
    throw std::runtime_error(std::string("admin route ") + kAdminPrefix + " is already taken");
}

void RegistrarModule::start() {
  restore_from_store();
  expiry_timer_ = host().raw()->timer_start(host().ctx(), kExpiryTickMs, kExpiryTickMs,
                                            &expiry_tick, this);
  if (expiry_timer_ == 0) throw std::runtime_error("cannot start the registration expiry timer");
}

void RegistrarModule::stop() {
  if (expiry_timer_ != 0) host().raw()->timer_cancel(host().ctx(), expiry_timer_);
  expiry_timer_ = 0;
}

std::string RegistrarModule::check_reconfigure(const Config &config) {
  return read_registrar_settings(host(), config) ? std::string() : "invalid registrar configuration";
}

void RegistrarModule::apply_reconfigure(const Config &config) {
  if (auto settings = read_registrar_settings(host(), config)) settings_ = *settings;
}

uint32_t RegistrarModule::on_register(Request &req) {
  const RegisterInput in = read_register_input(req);
  const Admission admission =
      admit_register(in, host().sip_domain(), *directory_, directory_self_);
  if (admission.status != 0) {
    respond_refusal(req, admission.status, admission.reason);
    return LS_VERDICT_STOP;
  }
  RegisterOutcome outcome = process_register(in, admission.who, table_, settings_, host().now_unix());
  if (outcome.status != 200) {
    respond_refusal(req, outcome.status, outcome.reason, outcome.headers);
    return LS_VERDICT_STOP;
  }
  if (outcome.changes.empty()) {
    respond_ok(req, in.user, in.path, in.supports_path);
    return LS_VERDICT_STOP;
  }

  apply_changes(outcome.changes);
  auto pending = std::make_shared<PendingRegister>();
  pending->live_request = req.raw();
  pending->user = in.user;
  pending->changes = std::move(outcome.changes);
  pending->path = in.path;
  pending->echo_path = in.supports_path;
  const bool answered_later =
      writer_.write(pending->changes, [this, pending](bool ok) { finish_register(*pending, ok); });
  if (!answered_later) return LS_VERDICT_STOP;  // finish_register already answered
  pending->live_request = nullptr;
  pending->token = req.suspend();
  return LS_VERDICT_ASYNC;
}

void RegistrarModule::finish_register(PendingRegister &pending, bool ok) {
  ls_request_t *raw_request =
      pending.token ? host().raw()->request_from_token(host().ctx(), pending.token)
                    : pending.live_request;
  if (ok) {
    emit_committed(pending.changes);
    bool bound = false, removed = false;
    for (const BindingChange &c : pending.changes) (c.after ? bound : removed) = true;
    if (bound) host().metric_add("registers");
    if (removed) host().metric_add("unregisters");
  } else {
    roll_back(pending.changes);
    host().error("registration of " + pending.user + " not saved: store write failed; rolled back");
  }
  publish_gauge();
  if (raw_request) {
    Request req(host(), raw_request);
    if (ok) {
      respond_ok(req, pending.user, pending.path, pending.echo_path);
    } else {
      req.respond(500, "Server Internal Error");
    }
  }
  if (pending.token) host().raw()->request_resume(host().ctx(), pending.token, LS_VERDICT_STOP);
}

void RegistrarModule::respond_refusal(Request &req, uint32_t status, const std::string &reason,
                                      const std::vector<Header> &headers) {
  host().metric_add("rejected");
  req.respond(status, reason.c_str(), headers);
}

void RegistrarModule::respond_ok(Request &req, const std::string &user,
                                 const std::vector<std::string> &path, bool echo_path) {
  const int64_t now = host().now_unix();
  std::vector<Binding> current;
  for (Binding &b : table_.of_user(user)) {
    if (b.expires_at > now) current.push_back(std::move(b));
  }
  req.respond(200, "OK", register_ok_headers(current, now, path, echo_path));
}

}  // namespace lineside::registrar
