// lineside/testing/fake_host_table.hpp: the fake host's service functions (log, timers, store,
// providers, events, metrics, workers, transports, admin, identity, clocks) and the assembled
// ls_host_t table. Included by fake_host.hpp.
#pragma once
#ifndef LINESIDE_TESTING_FAKE_HOST_PARTS
#error "include lineside/testing/fake_host.hpp, not this part of it"
#endif

#include <cstdio>
#include <mutex>
#include <string>


namespace lineside::testing {

/// The state an admin handler's ls_admin_reply_t points at.
struct FakeAdminReply {
  AdminResult result{500, "application/json", "{\"error\":\"handler sent no reply\"}"};
  bool replied = false;
};

/// Static implementations of the non-request parts of ls_host_t, and the table itself.
class FakeHostTable {
 public:
  /// The one table every FakeHost hands out (the ctx tells the hosts apart).
  static const ls_host_t *get() {
    static const ls_host_t table = make();
    return &table;
  }

 private:
  static ls_host_t make() {
    ls_host_t t{};
    t.size = sizeof(ls_host_t);
    t.abi_major = LS_ABI_MAJOR;
    t.abi_minor = LS_ABI_MINOR;
    t.reserved0 = 0;
    t.log = &log;
    t.config_root = &FakeRequestApi::config_root;
    t.config_string = &FakeRequestApi::config_string;
    t.config_int = &FakeRequestApi::config_int;
    t.config_bool = &FakeRequestApi::config_bool;
    t.config_duration_ms = &FakeRequestApi::config_duration_ms;
    t.config_list_size = &FakeRequestApi::config_list_size;
    t.config_list_string = &FakeRequestApi::config_list_string;
    t.config_child = &FakeRequestApi::config_child;
    t.config_error = &FakeRequestApi::config_error;
    t.request_field = &FakeRequestApi::request_field;
    t.request_header = &FakeRequestApi::request_header;
    t.request_contact_count = &FakeRequestApi::request_contact_count;
    t.request_contact = &FakeRequestApi::request_contact;
    t.request_peer = &FakeRequestApi::request_peer;
    t.request_body = &FakeRequestApi::request_body;
    t.request_set_attr = &FakeRequestApi::request_set_attr;
    t.request_get_attr = &FakeRequestApi::request_get_attr;
    t.respond = &FakeRequestApi::respond;
    t.request_suspend = &FakeRequestApi::request_suspend;
    t.request_from_token = &FakeRequestApi::request_from_token;
    t.request_resume = &FakeRequestApi::request_resume;
    t.timer_start = &timer_start;
    t.timer_cancel = &timer_cancel;
    t.store_put = &store_put;
    t.store_delete = &store_delete;
    t.store_scan = &store_scan;
    t.provider_register = &provider_register;
    t.provider_get = &provider_get;
    t.event_emit = &event_emit;
    t.metric_add = &metric_add;
    t.metric_set = &metric_set;
    t.worker_submit = &worker_submit;
    t.transport_listen = &transport_listen;
    t.flow_is_open = &flow_is_open;
    t.admin_route = &admin_route;
    t.admin_reply = &admin_reply;
    t.sip_domain = &sip_domain;
    t.now_unix = &now_unix;
    t.now_mono_ms = &now_mono_ms;
    t.sdp_replace = &sdp_replace;
    t.sdp_reject = &sdp_reject;
    t.call_end = &call_end;
    t.request_send = &request_send;
    t.call_transfer = &call_transfer;
    t.call_find_dialog = &call_find_dialog;
    return t;
  }

  static FakeHost *h(ls_module_ctx_t *ctx) { return FakeHost::from(ctx); }

  static void log(ls_module_ctx_t *ctx, uint32_t level, const char *message) {
    FakeHost *host = h(ctx);
    const std::lock_guard<std::mutex> lock(host->any_thread_mutex_);
    host->logs_.push_back(LogLine{level, message ? message : ""});
  }

  static ls_timer_id_t timer_start(ls_module_ctx_t *ctx, uint64_t delay_ms, uint64_t interval_ms,
                                   ls_timer_fn fn, void *arg) {
    FakeHost *host = h(ctx);
    if (!fn) return 0;
    const ls_timer_id_t id = host->next_timer_++;
    host->timers_[id] = FakeHost::Timer{host->mono_ms_ + static_cast<int64_t>(delay_ms), interval_ms,
                                        fn, arg, host->timer_seq_++};
    return id;
  }
  static void timer_cancel(ls_module_ctx_t *ctx, ls_timer_id_t id) { h(ctx)->timers_.erase(id); }

  static int store_put(ls_module_ctx_t *ctx, const char *table, const char *key, const void *value,
                       size_t len, ls_store_done_fn done, void *arg) {
    FakeHost *host = h(ctx);
    if (!table || !key || (len && !value)) return -1;
    ++host->store_writes_;
    int status = 0;
    if (host->fail_next_store_write_) {
      host->fail_next_store_write_ = false;
      status = -1;
    } else {
      host->store_[table][key].assign(static_cast<const char *>(value), len);
    }
    if (done) host->defer([done, arg, status] { done(arg, status); });
    return 0;
  }
  static int store_delete(ls_module_ctx_t *ctx, const char *table, const char *key,
                          ls_store_done_fn done, void *arg) {
    FakeHost *host = h(ctx);
    if (!table || !key) return -1;
    ++host->store_writes_;
    int status = 0;
    if (host->fail_next_store_write_) {
      host->fail_next_store_write_ = false;
      status = -1;
    } else if (auto it = host->store_.find(table); it != host->store_.end()) {
      it->second.erase(key);
    }
    if (done) host->defer([done, arg, status] { done(arg, status); });
    return 0;
  }
  static int64_t store_scan(ls_module_ctx_t *ctx, const char *table, ls_store_visit_fn visit,
                            void *arg) {
    FakeHost *host = h(ctx);
    if (!table || !visit) return -1;
    auto it = host->store_.find(table);
    if (it == host->store_.end()) return 0;
    const std::map<std::string, std::string> snapshot = it->second;  // the visitor may write
    int64_t visited = 0;
    for (const auto &[key, value] : snapshot) {
      ++visited;
      if (visit(arg, key.c_str(), value.data(), value.size()) != 0) break;
    }
    return visited;
  }

  static int provider_register(ls_module_ctx_t *ctx, const char *name, uint32_t version,
                               const void *table, void *self) {
    FakeHost *host = h(ctx);
    if (!name || !table || host->provider(name, version)) return -1;
    host->providers_.push_back(ProviderEntry{name, version, table, self, true});
    return 0;
  }
  static const void *provider_get(ls_module_ctx_t *ctx, const char *name, uint32_t version,
                                  void **self) {
    const ProviderEntry *p = name ? h(ctx)->provider(name, version) : nullptr;
    if (self) *self = p ? p->self : nullptr;
    return p ? p->table : nullptr;
  }

  static void event_emit(ls_module_ctx_t *ctx, uint32_t event_id, const void *payload) {
    FakeHost *host = h(ctx);
    EmittedEvent e{event_id, std::nullopt, std::nullopt};
    if (payload && event_id == LS_EVENT_REGISTRATION)
      e.registration = copy_registration(*static_cast<const ls_registration_event_t *>(payload));
    if (payload && event_id == LS_EVENT_FLOW_CLOSED)
      e.flow = copy_flow(*static_cast<const ls_flow_event_t *>(payload));
    host->events_.push_back(std::move(e));
    host->emit(event_id, payload);
  }

  static void metric_add(ls_module_ctx_t *ctx, const char *name, int64_t delta) {
    FakeHost *host = h(ctx);
    const std::lock_guard<std::mutex> lock(host->any_thread_mutex_);
    if (name) host->counters_[name] += delta;
  }
  static void metric_set(ls_module_ctx_t *ctx, const char *name, int64_t value) {
    FakeHost *host = h(ctx);
    const std::lock_guard<std::mutex> lock(host->any_thread_mutex_);
    if (name) host->gauges_[name] = value;
  }

  /// Runs `work` at once on the calling thread; `done` waits for run_pending().
  static int worker_submit(ls_module_ctx_t *ctx, ls_work_fn work, ls_work_done_fn done, void *arg) {
    if (!work) return -1;
    work(arg);
    if (done) h(ctx)->defer([done, arg] { done(arg); });
    return 0;
  }

  /// Records a copy of the spec; checks its shape but opens nothing (and reads no files).
  static int transport_listen(ls_module_ctx_t *ctx, const ls_listener_t *spec, char *err,
                              size_t errlen) {
    FakeHost *host = h(ctx);
    auto fail = [&](const std::string &why) {
      if (err && errlen) std::snprintf(err, errlen, "%s", why.c_str());
      return -1;
    };
    if (!LS_HAS_FIELD(spec, ls_listener_t, ca_file)) return fail("malformed listener spec");
    if (host->fail_next_listen_) {
      const std::string why = *host->fail_next_listen_;
      host->fail_next_listen_.reset();
      return fail(why);
    }
    if (spec->transport < LS_TRANSPORT_UDP || spec->transport > LS_TRANSPORT_TLS)
      return fail("unknown transport " + std::to_string(spec->transport));
    if (!spec->address) return fail("listener without an address");
    if (spec->transport == LS_TRANSPORT_TLS) {
      if (!spec->cert_file || !spec->key_file) return fail("TLS listener needs cert_file and key_file");
      if (spec->tls_min_version != 0 && spec->tls_min_version < 0x0303)
        return fail("TLS minimum version below 1.2 is refused");
    }
    auto opt = [](const char *s) { return s ? std::optional<std::string>(s) : std::nullopt; };
    host->listeners_.push_back(ListenerSpec{spec->transport, spec->address, spec->port,
                                            spec->tls_min_version, opt(spec->cert_file),
                                            opt(spec->key_file), opt(spec->ca_file)});
    return 0;
  }
  static int flow_is_open(ls_module_ctx_t *ctx, ls_flow_id_t flow) {
    if (flow == 0) return 0;
    const auto &open = h(ctx)->flow_open_;
    auto it = open.find(flow);
    return it == open.end() || it->second ? 1 : 0;
  }

  static int admin_route(ls_module_ctx_t *ctx, const char *method, const char *path_prefix,
                         ls_admin_fn fn, void *arg) {
    FakeHost *host = h(ctx);
    if (!method || !path_prefix || !fn) return -1;
    for (const auto &r : host->admin_routes_)
      if (r.method == method && r.prefix == path_prefix) return -1;
    host->admin_routes_.push_back(FakeHost::AdminRoute{method, path_prefix, fn, arg});
    return 0;
  }
  static void admin_reply(ls_admin_reply_t *reply, uint32_t status, const char *content_type,
                          const char *body, size_t len) {
    auto *r = reinterpret_cast<FakeAdminReply *>(reply);
    r->result.status = status;
    r->result.content_type = content_type ? content_type : "application/json";
    r->result.body = body ? std::string(body, len) : std::string();
    r->replied = true;
  }

  static const char *sip_domain(ls_module_ctx_t *ctx) { return h(ctx)->sip_domain_.c_str(); }
  static int64_t now_unix(ls_module_ctx_t *ctx) { return h(ctx)->now_unix(); }
  static int64_t now_mono_ms(ls_module_ctx_t *ctx) { return h(ctx)->now_mono(); }

  static int sdp_replace(ls_sdp_edit_t *edit, const char *body, size_t len) {
    if (!edit || (!body && len)) return -1;
    edit->body.assign(body ? body : "", len);
    edit->replaced = true;
    if (edit->args) {
      edit->args->body = edit->body.c_str();
      edit->args->body_len = edit->body.size();
    }
    return 0;
  }
  static int sdp_reject(ls_sdp_edit_t *edit, uint32_t status) {
    if (!edit || status < 400 || status > 699) return -1;
    edit->reject_status = status;
    return 0;
  }

  static int call_end(ls_module_ctx_t *ctx, uint64_t call_id, uint32_t q850_cause, const char *reason) {
    FakeHost *host = h(ctx);
    if (!host->known_calls_.empty() && !host->known_calls_.count(call_id)) return -1;
    host->ended_calls_.push_back(EndedCall{call_id, q850_cause, reason ? reason : ""});
    return 0;
  }
  static int request_send(ls_module_ctx_t *ctx, const ls_outgoing_request_t *req, ls_request_done_fn done,
                          void *arg) {
    FakeHost *host = h(ctx);
    if (!req || req->size < sizeof(ls_outgoing_request_t) || !req->method || !req->request_uri || !req->to)
      return -1;
    if (host->fail_next_request_send_) {
      host->fail_next_request_send_ = false;
      return -1;
    }
    auto s = [](const char *p) { return p ? std::string(p) : std::string(); };
    SentRequest r;
    r.transport = req->transport;
    r.method = req->method;
    r.request_uri = req->request_uri;
    r.from = s(req->from);
    r.to = req->to;
    r.call_id = s(req->call_id);
    r.cseq = req->cseq;
    r.headers = s(req->headers);
    r.content_type = s(req->content_type);
    r.body = req->body ? std::string(req->body, req->body_len) : std::string();
    r.flow = req->flow;
    r.next_hop = s(req->next_hop);
    r.done = done;
    r.arg = arg;
    host->sent_requests_.push_back(std::move(r));
    return 0;
  }
  static int call_transfer(ls_module_ctx_t *ctx, const ls_transfer_t *t, ls_transfer_done_fn done,
                           void *arg) {
    FakeHost *host = h(ctx);
    if (!LS_HAS_FIELD(t, ls_transfer_t, notify_sipfrag)) return -1;
    if (t->leaving_side != LS_LEG_CALLER && t->leaving_side != LS_LEG_CALLEE) return -1;
    const bool blind = t->target_dn && *t->target_dn;
    if (blind == (t->with_call_id != 0)) return -1;  // exactly one of target_dn and with_call_id
    if (host->fail_next_transfer_) {
      host->fail_next_transfer_ = false;
      return -1;
    }
    auto opt = [](const char *p) { return p ? std::optional<std::string>(p) : std::nullopt; };
    TransferCall r;
    r.leaving_side = t->leaving_side;
    r.call_id = t->call_id;
    r.target_dn = opt(t->target_dn);
    r.referred_by = opt(t->referred_by);
    r.with_call_id = t->with_call_id;
    r.with_side = t->with_side;
    r.notify_sipfrag = t->notify_sipfrag;
    r.done = done;
    r.arg = arg;
    host->transfers_.push_back(std::move(r));
    if (const uint32_t status = host->immediate_transfer_status_) {
      host->immediate_transfer_status_ = 0;
      host->complete_transfer(host->transfers_.size() - 1, status);
    }
    return 0;
  }
  static int call_find_dialog(ls_module_ctx_t *ctx, const char *sip_call_id, const char *local_tag,
                              const char *remote_tag, uint64_t *call_id, uint32_t *side) {
    if (!sip_call_id || !local_tag || !remote_tag || !call_id || !side) return -1;
    for (const FakeDialog &d : h(ctx)->dialogs_) {
      if (d.sip_call_id == sip_call_id && d.local_tag == local_tag && d.remote_tag == remote_tag) {
        *call_id = d.call_id;
        *side = d.side;
        return 0;
      }
    }
    return -1;
  }
};

inline const ls_host_t *FakeHost::table() { return FakeHostTable::get(); }

}  // namespace lineside::testing
