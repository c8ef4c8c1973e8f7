// lineside/testing/fake_host_impl.hpp: FakeHost's module-driving members (load, dispatch, timers,
// completions, events, admin calls, reload). Included by fake_host.hpp.
#pragma once
#ifndef LINESIDE_TESTING_FAKE_HOST_PARTS
#error "include lineside/testing/fake_host.hpp, not this part of it"
#endif

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>


namespace lineside::testing {

inline FakeRequest::~FakeRequest() {
  if (host_) host_->release(this);
}

inline FakeHost::~FakeHost() {
  for (FakeRequest *r : live_requests_) r->host_ = nullptr;
  if (!instance_) return;
  if (started_) stop();
  if (LS_HAS_FIELD(descriptor_, ls_module_descriptor_t, destroy) && descriptor_->destroy)
    descriptor_->destroy(instance_);
  else if (destroy_)
    destroy_(instance_);
}

inline void FakeHost::forget(FakeRequest *req) {
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    if (it->second == req) it = tokens_.erase(it);
    else ++it;
  }
}

inline void FakeHost::release(FakeRequest *req) {
  forget(req);
  live_requests_.erase(req);
}

inline void FakeHost::adopt(FakeRequest &req) {
  if (req.host_ && req.host_ != this) req.host_->release(&req);
  req.host_ = this;
  live_requests_.insert(&req);
}

inline bool FakeHost::load(const ls_module_descriptor_t *d, std::function<void(void *)> destroy) {
  load_error_.clear();
  auto fail = [this](std::string why) {
    load_error_ = std::move(why);
    return false;
  };
  if (descriptor_) return fail("a module is already loaded in this FakeHost");
  if (!LS_HAS_FIELD(d, ls_module_descriptor_t, reconfigure_apply)) return fail("malformed descriptor");
  const std::string name = d->name ? d->name : "(unnamed)";
  if (d->abi_major != LS_ABI_MAJOR)
    return fail("module " + name + " was built for ABI major " + std::to_string(d->abi_major) +
                ", the host has " + std::to_string(LS_ABI_MAJOR));
  if (d->abi_minor > LS_ABI_MINOR)
    return fail("module " + name + " needs ABI minor " + std::to_string(d->abi_minor) +
                ", the host has " + std::to_string(LS_ABI_MINOR));
  if (!d->init) return fail("module " + name + " has no init");
  for (uint32_t i = 0; i < d->hook_count; ++i) {
    const ls_hook_decl_t &h = d->hooks[i];
    if (h.hook_id < LS_HOOK_REQUEST_RECEIVED || h.hook_id > LS_HOOK_IN_DIALOG || !h.fn || !h.name)
      return fail("module " + name + " declares an invalid hook (index " + std::to_string(i) + ")");
  }
  for (uint32_t i = 0; i < d->requirement_count; ++i) {
    const ls_requirement_t &r = d->requirements[i];
    if (!r.optional && r.name && !provider(r.name, r.version))
      return fail("module " + name + " requires provider " + r.name + "/" +
                  std::to_string(r.version) + ", which nothing provides");
  }
  std::string schema_error;
  if (!apply_schema_defaults(*config_, d->config_fields, d->config_field_count, &schema_error,
                             "modules." + name + ".config"))
    return fail(schema_error);

  descriptor_ = d;
  char err[512] = "";
  void *inst = nullptr;
  if (d->init(table(), ctx(), &inst, err, sizeof err) != 0)
    return fail(err[0] ? err : "init of " + name + " failed without a reason");
  instance_ = inst;
  destroy_ = std::move(destroy);
  for (uint32_t i = 0; i < d->provide_count; ++i) {
    const ls_provider_decl_t &p = d->provides[i];
    const ProviderEntry *e = p.name ? provider(p.name, p.version) : nullptr;
    if (!e || !e->by_module)
      return fail("module " + name + " declares provider " + (p.name ? p.name : "?") + "/" +
                  std::to_string(p.version) + " but did not register it during init");
  }
  if (d->start && d->start(instance_, err, sizeof err) != 0)
    return fail(err[0] ? err : "start of " + name + " failed without a reason");
  started_ = true;
  return true;
}

inline void FakeHost::stop() {
  if (stopped_ || !started_) return;
  stopped_ = true;
  if (descriptor_->stop) descriptor_->stop(instance_);
}

inline bool FakeHost::reconfigure(FakeConfig next) {
  load_error_.clear();
  if (!descriptor_ || !instance_) {
    load_error_ = "no module loaded";
    return false;
  }
  const std::string name = descriptor_->name ? descriptor_->name : "(unnamed)";
  auto fresh = std::make_unique<FakeConfig>(std::move(next));
  if (!apply_schema_defaults(*fresh, descriptor_->config_fields, descriptor_->config_field_count,
                             &load_error_, "modules." + name + ".config"))
    return false;
  if (!descriptor_->reconfigure_check) {
    load_error_ = "module " + name + " cannot reload";
    return false;
  }
  char err[512] = "";
  if (descriptor_->reconfigure_check(instance_, fresh->handle(), err, sizeof err) != 0) {
    load_error_ = err[0] ? err : "module " + name + " refused the new config";
    return false;
  }
  if (descriptor_->reconfigure_apply) descriptor_->reconfigure_apply(instance_, fresh->handle());
  config_ = std::move(fresh);
  return true;
}

namespace detail {
/// True when a hook's comma-separated `methods` filter (NULL = all) contains `method`.
inline bool methods_match(const char *methods, const std::string &method) {
  if (!methods) return true;
  std::string_view rest(methods);
  while (true) {
    const size_t comma = rest.find(',');
    if (trim(rest.substr(0, comma)) == method) return true;
    if (comma == std::string_view::npos) return false;
    rest.remove_prefix(comma + 1);
  }
}
}  // namespace detail

inline std::vector<const ls_hook_decl_t *> FakeHost::hook_chain(uint32_t hook_id,
                                                                const char *method) const {
  std::vector<const ls_hook_decl_t *> chain;
  for (uint32_t i = 0; i < descriptor_->hook_count; ++i) {
    const ls_hook_decl_t *h = &descriptor_->hooks[i];
    if (h->hook_id == hook_id && (!method || detail::methods_match(h->methods, method)))
      chain.push_back(h);
  }
  auto priority = [this](const ls_hook_decl_t *h) {
    auto it = priority_overrides_.find(h->name);
    return it == priority_overrides_.end() ? h->priority : it->second;
  };
  std::stable_sort(chain.begin(), chain.end(), [&](const ls_hook_decl_t *a, const ls_hook_decl_t *b) {
    return priority(a) < priority(b);
  });
  return chain;
}

inline uint32_t FakeHost::dispatch(uint32_t hook_id, FakeRequest &req, void *payload) {
  if (!descriptor_ || !instance_) throw std::logic_error("FakeHost::dispatch: no module loaded");
  adopt(req);
  const ls_hook_args_t args{sizeof(ls_hook_args_t), hook_id, req.handle(), payload};
  uint32_t verdict = LS_VERDICT_CONTINUE;
  for (const ls_hook_decl_t *h : hook_chain(hook_id, req.method.c_str())) {
    verdict = h->fn(instance_, &args);
    req.hooks_run.push_back(HookRun{h->name, verdict});
    if (verdict == LS_VERDICT_STOP || verdict == LS_VERDICT_ASYNC) break;
    if (verdict != LS_VERDICT_CONTINUE && hook_id == LS_HOOK_AUTHENTICATE) break;
  }
  return verdict;
}

inline SdpRun FakeHost::run_sdp(ls_sdp_args_t args, const std::string &body) {
  if (!descriptor_ || !instance_) throw std::logic_error("FakeHost::run_sdp: no module loaded");
  ls_sdp_edit edit;
  edit.body = body;
  if (args.size == 0) args.size = sizeof args;
  args.edit = &edit;
  args.body = edit.body.c_str();
  args.body_len = edit.body.size();
  edit.args = &args;
  const ls_hook_args_t hook_args{sizeof(ls_hook_args_t), LS_HOOK_SDP, nullptr, &args};
  SdpRun run;
  for (const ls_hook_decl_t *h : hook_chain(LS_HOOK_SDP, nullptr)) {
    run.verdict = h->fn(instance_, &hook_args);
    if (run.verdict == LS_VERDICT_STOP) break;
  }
  if (run.verdict == LS_VERDICT_STOP) run.status = edit.reject_status ? edit.reject_status : 488;
  run.body = std::move(edit.body);
  run.replaced = edit.replaced;
  return run;
}

inline size_t FakeHost::run_pending() {
  size_t ran = 0;
  while (!pending_.empty()) {
    std::function<void()> next = std::move(pending_.front());
    pending_.pop_front();
    next();
    ++ran;
  }
  return ran;
}

inline std::optional<std::string> FakeHost::store_get(const std::string &table,
                                                      const std::string &key) const {
  auto t = store_.find(table);
  if (t == store_.end()) return std::nullopt;
  auto it = t->second.find(key);
  return it == t->second.end() ? std::nullopt : std::optional<std::string>(it->second);
}

inline void FakeHost::advance(int64_t ms) {
  if (ms < 0) throw std::logic_error("FakeHost::advance: clocks do not go back");
  const int64_t target = mono_ms_ + ms;
  while (true) {
    auto next = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second.due > target) continue;
      if (next == timers_.end() || it->second.due < next->second.due ||
          (it->second.due == next->second.due && it->second.seq < next->second.seq))
        next = it;
    }
    if (next == timers_.end()) break;
    const ls_timer_id_t id = next->first;
    const Timer t = next->second;
    if (t.due > mono_ms_) {
      unix_ms_ += t.due - mono_ms_;
      mono_ms_ = t.due;
    }
    if (t.interval) {
      next->second.due = mono_ms_ + static_cast<int64_t>(t.interval);
      next->second.seq = timer_seq_++;
    } else {
      timers_.erase(next);
    }
    t.fn(t.arg, id);
  }
  unix_ms_ += target - mono_ms_;
  mono_ms_ = target;
}

inline void FakeHost::emit(uint32_t event_id, const void *payload) {
  if (!descriptor_ || !instance_) return;
  for (uint32_t i = 0; i < descriptor_->observer_count; ++i) {
    const ls_observer_decl_t &o = descriptor_->observers[i];
    if (o.event_id == event_id && o.fn) o.fn(instance_, event_id, payload);
  }
}

inline void FakeHost::emit_flow_closed(ls_flow_id_t flow, uint32_t transport,
                                       const std::string &addr, uint32_t port) {
  set_flow_open(flow, false);
  ls_flow_event_t e{};
  e.size = sizeof e;
  e.transport = transport;
  e.flow = flow;
  e.remote_addr = addr.c_str();
  e.remote_port = port;
  emit(LS_EVENT_FLOW_CLOSED, &e);
}

inline AdminResult FakeHost::admin(const std::string &method, const std::string &path,
                                   const std::string &query, const std::string &body) {
  const AdminRoute *best = nullptr;
  for (const AdminRoute &r : admin_routes_) {
    if (r.method != method || path.compare(0, r.prefix.size(), r.prefix) != 0) continue;
    if (!best || r.prefix.size() > best->prefix.size()) best = &r;
  }
  if (!best) return AdminResult{404, "application/json", "{\"error\":\"not found\"}"};
  ls_admin_request_t req{};
  req.size = sizeof req;
  req.method = method.c_str();
  req.path = path.c_str();
  req.query = query.c_str();
  req.body = body.c_str();
  req.body_len = body.size();
  FakeAdminReply reply;
  best->fn(best->arg, &req, reinterpret_cast<ls_admin_reply_t *>(&reply));
  return reply.result;
}

}  // namespace lineside::testing
