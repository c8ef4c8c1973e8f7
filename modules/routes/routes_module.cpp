// routes/routes_module.cpp: routes lifecycle, reload and the route hook.
#include "routes_module.hpp"

#include <stdexcept>

#include "json_value.hpp"
#include "route_hook.hpp"
#include "route_json.hpp"
#include "route_legs.hpp"
#include "routes_config.hpp"

namespace lineside::routes {
namespace {

void get_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<RoutesModule *>(arg)->admin_get(req, reply);
}
void put_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<RoutesModule *>(arg)->admin_put(req, reply);
}
void delete_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<RoutesModule *>(arg)->admin_delete(req, reply);
}

struct RestoreVisit {
  RoutesModule *module;
  std::vector<Route> routes;
  std::vector<std::string> problems;
};

int restore_one(void *arg, const char *key, const void *value, size_t len) {
  auto *v = static_cast<RestoreVisit *>(arg);
  const std::string name = key ? key : "";
  const auto parsed = json::parse(std::string_view(static_cast<const char *>(value), len));
  std::vector<admin_text::FieldError> errors;
  std::optional<Route> route;
  if (parsed.value) {
    if (auto spec = spec_from_json(*parsed.value, name, errors))
      route = compile_route(*spec, errors);
  }
  if (!route) {
    std::string why = parsed.value ? "" : parsed.error;
    for (const auto &e : errors) why += (why.empty() ? "" : "; ") + e.field + ": " + e.message;
    v->problems.push_back("stored route '" + name + "' ignored: " + why);
    return 0;
  }
  v->routes.push_back(std::move(*route));
  return 0;
}

}  // namespace

RoutesModule::RoutesModule(Host host) : ModuleBase(host) {
  auto routes = read_config_routes(host, host.config());
  if (!routes) throw std::runtime_error("invalid routes configuration");
  table_.set_config_routes(std::move(*routes));
  directory_ = host.provider<ls_directory_v1_t>(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION,
                                                &directory_self_);
  if (!directory_ || !directory_->device_by_dn)
    throw std::runtime_error("the routes module needs lineside.directory/1");
  const ls_host_t *raw = host.raw();
  if (raw->admin_route(host.ctx(), "GET", kRoutesPrefix, &get_route, this) != 0 ||
      raw->admin_route(host.ctx(), "PUT", kRoutesPrefix, &put_route, this) != 0 ||
      raw->admin_route(host.ctx(), "DELETE", kRoutesPrefix, &delete_route, this) != 0)
    throw std::runtime_error(std::string("admin route ") + kRoutesPrefix + " is already taken");
}

void RoutesModule::start() {
  restore_api_routes();
  const auto count = static_cast<int64_t>(table_.routes().size());
  host().metric_set("routes", count);
  host().info(std::to_string(count) + " outbound route(s) in force");
}

void RoutesModule::restore_api_routes() {
  RestoreVisit visit{this, {}, {}};
  if (host().raw()->store_scan(host().ctx(), kRoutesTable, &restore_one, &visit) < 0) {
    host().error("cannot read the routes saved through the admin API from the store");
    return;
  }
  for (const auto &p : visit.problems) host().error(p);
  for (Route &r : visit.routes) table_.put_api_route(std::move(r));
}

std::string RoutesModule::check_reconfigure(const Config &config) {
  return read_config_routes(host(), config) ? std::string() : "invalid routes configuration";
}

void RoutesModule::apply_reconfigure(const Config &config) {
  auto routes = read_config_routes(host(), config);
  if (!routes) return;
  table_.set_config_routes(std::move(*routes));
  host().metric_set("routes", static_cast<int64_t>(table_.routes().size()));
  host().notice("routes reloaded: " + std::to_string(table_.routes().size()) + " in force");
}

bool RoutesModule::is_directory_dn(const std::string &dialled) const {
  ls_device_info_t info{};
  info.size = sizeof info;
  if (LS_HAS_FIELD(directory_, ls_directory_v1_t, device_by_line_dn) &&
      directory_->device_by_line_dn)
    return directory_->device_by_line_dn(directory_self_, dialled.c_str(), &info) == 0;
  return directory_->device_by_dn(directory_self_, dialled.c_str(), &info) == 0;
}

uint32_t RoutesModule::on_route(const ls_hook_args_t &args) {
  const ls_route_args_t *a = route_args(args);
  if (!a || !args.request) return LS_VERDICT_CONTINUE;
  const std::string dialled = a->dialled ? a->dialled : "";
  const bool emergency = route_is_emergency(a);
  if (dialled.empty() || is_directory_dn(dialled)) return LS_VERDICT_CONTINUE;
  const auto match = table_.select(dialled, emergency);
  if (!match) {
    host().debug("call " + std::to_string(a->call_id) + ": no outbound route for '" + dialled +
                 "'");
    return LS_VERDICT_CONTINUE;
  }
  const std::string caller_dn = a->caller_dn ? a->caller_dn : "";
  const std::vector<TrunkLeg> legs = legs_for(*match, caller_dn, host().sip_domain());
  const std::vector<ls_route_target_t> targets = route_targets(legs);
  if (host().raw()->call_route_to(args.request, targets.data(),
                                  static_cast<uint32_t>(targets.size())) != 0) {
    host().error("call " + std::to_string(a->call_id) +
                 ": the host refused the targets of route '" + match->route->spec.name + "'");
    host().metric_add("route_failures");
    return LS_VERDICT_CONTINUE;
  }
  host().info(
      "call " + std::to_string(a->call_id) + " from " + caller_dn + ": '" + dialled +
      "' takes route '" + match->route->spec.name + "'" +
      (match->pattern.empty() ? " (emergency fallback)" : " (pattern " + match->pattern + ")") +
      ", sending " + match->digits + " to " + std::to_string(legs.size()) + " gateway(s)");
  host().metric_add("calls_routed");
  return LS_VERDICT_STOP;
}

void RoutesModule::reply(ls_admin_reply_t *reply, uint32_t status, const std::string &body) const {
  host().raw()->admin_reply(reply, status, nullptr, body.data(), body.size());
}

}  // namespace lineside::routes
