// routes/routes_admin.cpp: the routes module's admin API: GET /api/v1/routes[/NAME]
// (?dialled=N shows the choice for a number), PUT and DELETE /api/v1/routes/NAME.
#include <memory>

#include "admin_text.hpp"
#include "json_value.hpp"
#include "route_json.hpp"
#include "route_legs.hpp"
#include "routes_module.hpp"
#include "store_calls.hpp"

namespace lineside::routes {
namespace {

using admin_text::refusal_json;

std::string choice_json(const RouteTable &table, const std::string &dialled, bool emergency,
                        bool directory_dn) {
  std::string out = "{\"dialled\":" + json::quote(dialled) +
                    ",\"directory_dn\":" + (directory_dn ? "true" : "false");
  const auto match = directory_dn ? std::nullopt : table.select(dialled, emergency);
  if (!match) return out + ",\"route\":null}";
  out += ",\"route\":" + json::quote(match->route->spec.name) +
         ",\"pattern\":" + json::quote(match->pattern) +
         ",\"digits\":" + json::quote(match->digits) + ",\"targets\":[";
  const auto legs = legs_for(*match, "", "");
  for (size_t i = 0; i < legs.size(); ++i) {
    out += std::string(i ? "," : "") + "{\"uri\":" + json::quote(legs[i].uri) +
           ",\"failover_group\":" + std::to_string(legs[i].failover_group) +
           ",\"trunk_number\":" + std::to_string(legs[i].trunk_number) +
           ",\"trunk_name\":" + json::quote(legs[i].trunk_name) + "}";
  }
  return out + "]}";
}

}  // namespace

void RoutesModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto name = admin_text::resource_name(req->path ? req->path : "", kRoutesPrefix);
  if (!name) return reply(out, 404, refusal_json("no such resource"));
  if (!name->empty()) {
    const Route *r = table_.find(*name);
    if (!r) return reply(out, 404, refusal_json("no route named '" + *name + "'"));
    return reply(out, 200, route_json(*r));
  }
  const std::string query = req->query ? req->query : "";
  if (auto dialled = admin_text::query_parameter(query, "dialled")) {
    const auto e = admin_text::query_parameter(query, "emergency");
    const bool emergency = e && (*e == "1" || *e == "true" || *e == "yes");
    return reply(out, 200, choice_json(table_, *dialled, emergency, is_directory_dn(*dialled)));
  }
  std::string body = "{\"routes\":[";
  const auto routes = table_.routes();
  for (size_t i = 0; i < routes.size(); ++i) body += (i ? "," : "") + route_json(*routes[i]);
  reply(out, 200, body + "],\"count\":" + std::to_string(routes.size()) + "}");
}

void RoutesModule::admin_put(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto name = admin_text::resource_name(req->path ? req->path : "", kRoutesPrefix);
  if (!name) return reply(out, 404, refusal_json("no such resource"));
  if (name->empty())
    return reply(out, 405, refusal_json("PUT a single route: /api/v1/routes/NAME"));
  const auto parsed = json::parse(std::string_view(req->body ? req->body : "", req->body_len));
  if (!parsed.value) return reply(out, 400, refusal_json("malformed JSON: " + parsed.error));
  std::vector<admin_text::FieldError> errors;
  auto spec = spec_from_json(*parsed.value, *name, errors);
  std::optional<Route> route;
  if (spec) route = compile_route(*spec, errors);
  if (!route) return reply(out, 400, refusal_json("route '" + *name + "' refused", errors));

  std::optional<Route> previous;
  if (table_.is_api_route(*name)) previous = *table_.find(*name);
  const bool created = !table_.find(*name);
  const std::string stored = spec_json(route->spec);
  table_.put_api_route(std::move(*route));
  const std::string route_name = *name;
  const bool queued = store_put_then(
      host(), kRoutesTable, route_name, stored, [this, route_name, previous](bool ok) {
        if (ok) return;
        if (previous) {
          table_.put_api_route(*previous);
        } else {
          table_.remove_api_route(route_name);
        }
        host().error("route '" + route_name + "' not saved: store write failed; change undone");
      });
  if (!queued) {
    if (previous) {
      table_.put_api_route(*previous);
    } else {
      table_.remove_api_route(route_name);
    }
    return reply(out, 500, refusal_json("store unavailable"));
  }
  host().notice("route '" + route_name + "' " + (created ? "added" : "replaced") +
                " through the admin API");
  host().metric_set("routes", static_cast<int64_t>(table_.routes().size()));
  reply(out, created ? 201 : 200, route_json(*table_.find(route_name)));
}

void RoutesModule::admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto name = admin_text::resource_name(req->path ? req->path : "", kRoutesPrefix);
  if (!name) return reply(out, 404, refusal_json("no such resource"));
  if (name->empty())
    return reply(out, 405, refusal_json("DELETE a single route: /api/v1/routes/NAME"));
  if (!table_.is_api_route(*name)) {
    if (table_.is_config_route(*name))
      return reply(out, 409,
                   refusal_json("route '" + *name +
                                "' is defined in the configuration file; change it there"));
    return reply(out, 404, refusal_json("no route named '" + *name + "'"));
  }
  const Route previous = *table_.find(*name);
  table_.remove_api_route(*name);
  const std::string route_name = *name;
  const bool queued =
      store_delete_then(host(), kRoutesTable, route_name, [this, previous](bool ok) {
        if (ok) return;
        table_.put_api_route(previous);
        host().error("deletion of route '" + previous.spec.name +
                     "' not saved: store write failed; undone");
      });
  if (!queued) {
    table_.put_api_route(previous);
    return reply(out, 500, refusal_json("store unavailable"));
  }
  host().notice("route '" + route_name + "' deleted through the admin API");
  host().metric_set("routes", static_cast<int64_t>(table_.routes().size()));
  const bool yaml_back = table_.is_config_route(route_name);
  reply(out, 200,
        "{\"deleted\":" + json::quote(route_name) +
            ",\"config_route_in_force\":" + (yaml_back ? "true" : "false") + "}");
}

}  // namespace lineside::routes
