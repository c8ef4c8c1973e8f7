// kpml/kpml_module.cpp: the kpml module: wiring, hooks and the provider's functions.
#include "kpml_module.hpp"

#include <stdexcept>

namespace lineside::kpml {
namespace {

std::string text(const char *s) {
  return s ? std::string(s) : std::string();
}

KpmlSettings settings_or_throw(const Host &host, const Config &config) {
  std::optional<KpmlSettings> s = read_kpml_settings(host, config);
  if (!s) throw std::runtime_error("invalid kpml configuration");
  return *s;
}

}  // namespace

KpmlModule::KpmlModule(Host host)
    : ModuleBase(host), settings_(settings_or_throw(host, host.config())) {
  void *location_self = nullptr;
  const auto *location =
      host.provider<ls_location_v1_t>(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, &location_self);
  directory_ = host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION,
                                                &directory_self_);
  if (!location || !directory_)
    throw std::runtime_error("kpml needs lineside.location/1 and lineside.directory/1");
  if (!LS_HAS_FIELD(host.raw(), ls_host_t, request_send) || !host.raw()->request_send) {
    throw std::runtime_error("this host cannot send requests (no request_send)");
  }
  collector_ = std::make_unique<Collector>(host, settings_, location, location_self);
  apps_ =
      std::make_unique<AppSubscriptions>(host, *collector_, directory_, directory_self_, settings_);
  if (host.raw()->provider_register(host.ctx(), LS_KPML_PROVIDER, LS_KPML_VERSION,
                                    &kpml_provider_table(), this) != 0) {
    throw std::runtime_error("cannot offer lineside.kpml/1");
  }
  struct Route {
    const char *method;
    ls_admin_fn fn;
  };
  const Route routes[] = {
      {"POST", [](void *a, const ls_admin_request_t *r,
                  ls_admin_reply_t *o) { static_cast<KpmlModule *>(a)->admin_post(r, o); }},
      {"GET", [](void *a, const ls_admin_request_t *r,
                 ls_admin_reply_t *o) { static_cast<KpmlModule *>(a)->admin_get(r, o); }},
      {"DELETE", [](void *a, const ls_admin_request_t *r,
                    ls_admin_reply_t *o) { static_cast<KpmlModule *>(a)->admin_delete(r, o); }},
  };
  for (const Route &r : routes) {
    if (host.raw()->admin_route(host.ctx(), r.method, kAdminPrefix, r.fn, this) != 0) {
      throw std::runtime_error(std::string("admin route ") + r.method + " " + kAdminPrefix +
                               " is taken");
    }
  }
}

void KpmlModule::stop() {
  collector_->stop();
}

std::string KpmlModule::check_reconfigure(const Config &config) {
  return read_kpml_settings(host(), config) ? "" : "invalid kpml configuration";
}

void KpmlModule::apply_reconfigure(const Config &config) {
  if (std::optional<KpmlSettings> s = read_kpml_settings(host(), config)) {
    settings_ = *s;
    collector_->apply(settings_);
    apps_->apply(settings_);
  }
}

uint32_t KpmlModule::on_trusted_subscribe(Request &req) {
  if (req.has_field(LS_FIELD_TO_TAG) || !AppSubscriptions::is_kpml_subscribe(req) ||
      !apps_->trusted(req)) {
    return LS_VERDICT_CONTINUE;
  }
  return apps_->on_subscribe(req, true);
}

uint32_t KpmlModule::on_request(Request &req) {
  if (req.has_field(LS_FIELD_TO_TAG) && collector_->on_in_dialog_request(req))
    return LS_VERDICT_STOP;
  if (req.method() == "SUBSCRIBE") return apps_->on_subscribe(req, false);
  return LS_VERDICT_CONTINUE;
}

uint64_t KpmlModule::collect(const ls_kpml_collect_t *request, ls_kpml_result_fn done, void *arg) {
  if (!LS_HAS_FIELD(request, ls_kpml_collect_t, dialog_remote_tag) || !done) return 0;
  CollectRequest r;
  r.device_id = text(request->device_id);
  r.pattern = text(request->pattern);
  r.dialog_call_id = text(request->dialog_call_id);
  r.dialog_local_tag = text(request->dialog_local_tag);
  r.dialog_remote_tag = text(request->dialog_remote_tag);
  r.timeout_ms = request->timeout_ms;
  CollectionListener listener;
  listener.finished = [done, arg](uint64_t id, uint32_t code, const std::string &digits,
                                  const std::string &why) {
    const ls_kpml_result_t result{sizeof(ls_kpml_result_t), code, id, digits.c_str(), why.c_str()};
    done(arg, &result);
  };
  const StartResult started = collector_->start(r, std::move(listener));
  if (!started.id) host().info("collect_digits refused: " + started.error);
  return started.id;
}

int KpmlModule::cancel(uint64_t collection) {
  return collector_->cancel(collection) ? 0 : -1;
}

const ls_kpml_v1_t &kpml_provider_table() {
  static const ls_kpml_v1_t table{
      sizeof(ls_kpml_v1_t),
      0,
      [](void *self, const ls_kpml_collect_t *request, ls_kpml_result_fn done,
         void *arg) -> uint64_t {
        try {  // no exception may cross the C boundary
          return self ? static_cast<KpmlModule *>(self)->collect(request, done, arg) : 0;
        } catch (...) {
          return 0;
        }
      },
      [](void *self, uint64_t collection) -> int {
        try {
          return self ? static_cast<KpmlModule *>(self)->cancel(collection) : -1;
        } catch (...) {
          return -1;
        }
      },
  };
  return table;
}

}  // namespace lineside::kpml
