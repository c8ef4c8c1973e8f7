// host/host_table.cpp: each ls_host_t function, forwarding to the service behind the module's ctx.
#include "host/host_table.hpp"

#include <time.h>

#include <cstring>

#include "admin/admin_routes.hpp"
#include "calls/call_engine.hpp"
#include "calls/outgoing_requests.hpp"
#include "calls/sdp_filter.hpp"
#include "config/config_access.hpp"
#include "host/event_bus.hpp"
#include "host/host_services.hpp"
#include "host/module_record.hpp"
#include "host/providers.hpp"
#include "host/request_pipeline.hpp"
#include "host/timer_service.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "runtime/worker_pool.hpp"
#include "sip/header_lines.hpp"
#include "sip/sip_loop.hpp"
#include "sip/sip_stack.hpp"
#include "store/store.hpp"

namespace lineside::kernel {

namespace {

HostServices &svc(ls_module_ctx_t *ctx) { return *ctx->services; }

std::string scoped_table(ls_module_ctx_t *ctx, const char *table) {
  return ctx->record->name + "." + (table ? table : "");
}

void host_log(ls_module_ctx_t *ctx, uint32_t level, const char *message) {
  const auto lvl = static_cast<LogLevel>(level > 4 ? 4 : level);
  Logger::instance().write(lvl, ctx ? ctx->record->name : "module", message ? message : "");
}

const ls_config_t *host_config_root(ls_module_ctx_t *ctx) { return ctx->record->config.get(); }

void host_config_error(ls_module_ctx_t *ctx, const ls_config_t *node, const char *key,
                       const char *message) {
  const std::string text = error_at(node, key, message ? message : "invalid").str();
  ctx->record->config_errors.push_back(text);
  log_error(ctx->record->name, text);
}

const char *req_field(ls_request_t *r, uint32_t f) { return r ? r->field(f) : nullptr; }
const char *req_header(ls_request_t *r, const char *n, uint32_t i) { return r ? r->header(n, i) : nullptr; }
uint32_t req_contact_count(ls_request_t *r) { return r ? r->contact_count() : 0; }
int req_contact(ls_request_t *r, uint32_t i, ls_contact_t *o) { return r ? r->contact(i, o) : -1; }
int req_peer(ls_request_t *r, ls_peer_t *o) { return r ? r->peer(o) : -1; }
int req_body(ls_request_t *r, const char **d, size_t *l, const char **ct) { return r ? r->body(d, l, ct) : -1; }
int req_set_attr(ls_request_t *r, const char *k, const char *v) { return r ? r->set_attr(k, v) : -1; }
const char *req_get_attr(ls_request_t *r, const char *k) { return r ? r->attr(k) : nullptr; }
int req_respond(ls_request_t *r, const ls_response_t *resp) {
  if (!r || !resp || resp->size < offsetof(ls_response_t, content_type)) return -1;
  ls_response_t copy{};
  std::memcpy(&copy, resp, resp->size < sizeof copy ? resp->size : sizeof copy);
  return r->respond(copy);
}

// The pipeline is reached through any module's ctx; requests are not module-scoped.
RequestPipeline *g_pipeline = nullptr;

ls_token_t req_suspend(ls_request_t *r) { return g_pipeline && r ? g_pipeline->suspend(r) : 0; }
ls_request_t *req_from_token(ls_module_ctx_t *ctx, ls_token_t t) { return svc(ctx).pipeline->from_token(t); }
void req_resume(ls_module_ctx_t *ctx, ls_token_t t, uint32_t v) { svc(ctx).pipeline->resume(t, v); }

ls_timer_id_t timer_start(ls_module_ctx_t *ctx, uint64_t delay, uint64_t interval, ls_timer_fn fn,
                          void *arg) {
  if (!fn) return 0;
  ModuleRecord *rec = ctx->record;
  return svc(ctx).timers->start(delay, interval, [fn, arg, rec](ls_timer_id_t id) {
    if (rec->active) fn(arg, id);
  });
}
void timer_cancel(ls_module_ctx_t *ctx, ls_timer_id_t id) { svc(ctx).timers->cancel(id); }

int store_put(ls_module_ctx_t *ctx, const char *table, const char *key, const void *value,
              size_t len, ls_store_done_fn done, void *arg) {
  if (!key || (!value && len)) return -1;
  svc(ctx).store->put(scoped_table(ctx, table), key,
                      std::string(static_cast<const char *>(value), len),
                      [done, arg](bool ok) { if (done) done(arg, ok ? 0 : -1); });
  return 0;
}
int store_delete(ls_module_ctx_t *ctx, const char *table, const char *key, ls_store_done_fn done,
                 void *arg) {
  if (!key) return -1;
  svc(ctx).store->erase(scoped_table(ctx, table), key,
                        [done, arg](bool ok) { if (done) done(arg, ok ? 0 : -1); });
  return 0;
}
int64_t store_scan(ls_module_ctx_t *ctx, const char *table, ls_store_visit_fn visit, void *arg) {
  if (!visit) return -1;
  return svc(ctx).store->scan(scoped_table(ctx, table), [&](std::string_view k, std::string_view v) {
    const std::string key(k);
    return visit(arg, key.c_str(), v.data(), v.size()) == 0;
  });
}

int provider_register(ls_module_ctx_t *ctx, const char *name, uint32_t version, const void *table,
                      void *self) {
  if (!name || !table) return -1;
  const ls_module_descriptor_t *d = ctx->record->descriptor;
  bool declared = false;
  for (uint32_t i = 0; i < d->provide_count; ++i) {
    if (std::strcmp(d->provides[i].name, name) == 0 && d->provides[i].version == version) declared = true;
  }
  if (!declared) {
    log_error(ctx->record->name, std::string("registers provider ") + name + "/" +
                                     std::to_string(version) + " it did not declare");
    return -1;
  }
  return svc(ctx).providers->add(name, version, table, self, ctx->record) ? 0 : -1;
}
const void *provider_get(ls_module_ctx_t *ctx, const char *name, uint32_t version, void **self) {
  const ProviderRegistry::Entry *e = name ? svc(ctx).providers->find(name, version) : nullptr;
  if (!e) {
    if (self) *self = nullptr;
    return nullptr;
  }
  if (self) *self = e->self;
  return e->table;
}

void event_emit(ls_module_ctx_t *ctx, uint32_t id, const void *payload) { svc(ctx).events->emit(id, payload); }

void metric_add(ls_module_ctx_t *ctx, const char *name, int64_t d) {
  svc(ctx).metrics->add("lineside_" + ctx->record->name + "_" + (name ? name : "unnamed"), d);
}
void metric_set(ls_module_ctx_t *ctx, const char *name, int64_t v) {
  svc(ctx).metrics->set("lineside_" + ctx->record->name + "_" + (name ? name : "unnamed"), v);
}

int worker_submit(ls_module_ctx_t *ctx, ls_work_fn work, ls_work_done_fn done, void *arg) {
  if (!work) return -1;
  SipLoop *loop = svc(ctx).loop;
  return svc(ctx).workers->submit([work, done, arg, loop] {
    work(arg);
    if (done) loop->post([done, arg] { done(arg); });
  }) ? 0 : -1;
}

int transport_listen(ls_module_ctx_t *ctx, const ls_listener_t *spec, char *err, size_t errlen) {
  if (!spec || spec->size < sizeof(ls_listener_t)) {
    if (err && errlen) std::snprintf(err, errlen, "listener spec too small");
    return -1;
  }
  const std::string why = svc(ctx).sip->listen(*spec);
  if (why.empty()) return 0;
  if (err && errlen) std::snprintf(err, errlen, "%s", why.c_str());
  return -1;
}
int flow_is_open(ls_module_ctx_t *ctx, ls_flow_id_t flow) { return svc(ctx).flows->is_open(flow) ? 1 : 0; }

int admin_route(ls_module_ctx_t *ctx, const char *method, const char *prefix, ls_admin_fn fn,
                void *arg) {
  if (!method || !prefix) return -1;
  return svc(ctx).admin->add(AdminRoutes::Route{method, prefix, fn, arg, ctx->record}) ? 0 : -1;
}
void admin_reply(ls_admin_reply_t *reply, uint32_t status, const char *ct, const char *body, size_t len) {
  if (!reply) return;
  reply->status = status;
  reply->content_type = ct ? ct : "application/json";
  reply->body.assign(body ? body : "", body ? len : 0);
}

const char *sip_domain(ls_module_ctx_t *ctx) { return svc(ctx).sip_domain.c_str(); }
int64_t now_unix(ls_module_ctx_t *) { return static_cast<int64_t>(::time(nullptr)); }
int64_t now_mono_ms(ls_module_ctx_t *) {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

int call_route_to(ls_request_t *req, const ls_route_target_t *targets, uint32_t count) {
  if (!req || !req->routing_open() || (!targets && count)) return -1;
  std::vector<RouteTargetSpec> specs;
  for (uint32_t i = 0; i < count; ++i) {
    const ls_route_target_t &t = targets[i];
    // Modules built against the first layout (up to `dn`) are still accepted.
    if (t.size < offsetof(ls_route_target_t, failover_group) || !t.uri || !*t.uri) return -1;
    ls_route_target_t full{};
    std::memcpy(&full, &t, t.size < sizeof full ? t.size : sizeof full);
    auto text = [](const char *v) { return std::string(v ? v : ""); };
    if (!valid_header_lines(full.extra_headers) || full.trunk_number > 9999) return -1;
    if (full.from_user && !valid_uri_user(full.from_user)) return -1;
    if (full.from_display && !valid_display_name(full.from_display)) return -1;
    if (full.asserted_identity && !valid_header_lines((std::string("P-Asserted-Identity: ") +
                                                       full.asserted_identity + "\r\n").c_str())) {
      return -1;
    }
    specs.push_back(RouteTargetSpec{full.uri, text(full.next_hop), text(full.device_id), text(full.dn),
                                    full.transport, full.failover_group, full.trunk_number,
                                    text(full.trunk_name), text(full.from_user), text(full.from_display),
                                    full.asserted_identity != nullptr, text(full.asserted_identity),
                                    text(full.extra_headers)});
  }
  req->route_targets() = std::move(specs);
  return 0;
}
int sdp_replace(ls_sdp_edit_t *edit, const char *body, size_t len) {
  if (!edit || (!body && len)) return -1;
  edit->replace(body ? body : "", len);
  return 0;
}
int sdp_reject(ls_sdp_edit_t *edit, uint32_t status) {
  if (!edit || status < 400 || status > 699) return -1;
  edit->reject_status = status;
  return 0;
}

int call_end(ls_module_ctx_t *ctx, uint64_t call_id, uint32_t q850_cause, const char *reason) {
  if (!ctx || !svc(ctx).calls) return -1;
  return svc(ctx).calls->end_call(call_id, q850_cause, reason ? reason : "") ? 0 : -1;
}
int request_send(ls_module_ctx_t *ctx, const ls_outgoing_request_t *req, ls_request_done_fn done, void *arg) {
  if (!ctx || !svc(ctx).requests || !req || req->size < sizeof(ls_outgoing_request_t)) return -1;
  std::string error;
  if (svc(ctx).requests->send(*req, done, arg, error) == 0) return 0;
  log_warning(ctx->record->name, std::string("request_send refused: ") + error);
  return -1;
}

int call_transfer(ls_module_ctx_t *ctx, const ls_transfer_t *t, ls_transfer_done_fn done, void *arg) {
  if (!ctx || !svc(ctx).calls || !t || t->size < sizeof(ls_transfer_t)) return -1;
  const uint64_t id = t->call_id;
  return svc(ctx).calls->transfer(*t, [done, arg, id](uint32_t status) {
    if (done) done(arg, id, status);
  });
}
int call_find_dialog(ls_module_ctx_t *ctx, const char *sip_call_id, const char *local_tag, const char *remote_tag,
                     uint64_t *call_id, uint32_t *side) {
  if (!ctx || !svc(ctx).calls || !call_id || !side) return -1;
  return svc(ctx).calls->find_dialog(sip_call_id, local_tag, remote_tag, *call_id, *side) ? 0 : -1;
}

ls_host_t make_table() {
  ls_host_t h{};
  h.size = sizeof h;
  h.abi_major = LS_ABI_MAJOR;
  h.abi_minor = LS_ABI_MINOR;
  h.log = host_log;
  h.config_root = host_config_root;
  h.config_string = config_string;
  h.config_int = config_int;
  h.config_bool = config_bool;
  h.config_duration_ms = config_duration_ms;
  h.config_list_size = config_list_size;
  h.config_list_string = config_list_string;
  h.config_child = config_child;
  h.config_error = host_config_error;
  h.request_field = req_field;
  h.request_header = req_header;
  h.request_contact_count = req_contact_count;
  h.request_contact = req_contact;
  h.request_peer = req_peer;
  h.request_body = req_body;
  h.request_set_attr = req_set_attr;
  h.request_get_attr = req_get_attr;
  h.respond = req_respond;
  h.request_suspend = req_suspend;
  h.request_from_token = req_from_token;
  h.request_resume = req_resume;
  h.timer_start = timer_start;
  h.timer_cancel = timer_cancel;
  h.store_put = store_put;
  h.store_delete = store_delete;
  h.store_scan = store_scan;
  h.provider_register = provider_register;
  h.provider_get = provider_get;
  h.event_emit = event_emit;
  h.metric_add = metric_add;
  h.metric_set = metric_set;
  h.worker_submit = worker_submit;
  h.transport_listen = transport_listen;
  h.flow_is_open = flow_is_open;
  h.admin_route = admin_route;
  h.admin_reply = admin_reply;
  h.sip_domain = sip_domain;
  h.now_unix = now_unix;
  h.now_mono_ms = now_mono_ms;
  h.call_route_to = call_route_to;
  h.sdp_replace = sdp_replace;
  h.sdp_reject = sdp_reject;
  h.call_end = call_end;
  h.request_send = request_send;
  h.call_transfer = call_transfer;
  h.call_find_dialog = call_find_dialog;
  return h;
}

}  // namespace

void bind_host_pipeline(RequestPipeline *pipeline) { g_pipeline = pipeline; }

const ls_host_t *host_table() {
  static const ls_host_t table = make_table();
  return &table;
}

}  // namespace lineside::kernel
