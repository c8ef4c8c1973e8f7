// lineside/testing/fake_host.hpp: FakeHost, a complete in-process ls_host_t for unit-testing one
// module without the kernel. Include this header only; it pulls in the other testing/ headers.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lineside/lineside.h"
#include "lineside/plugin.hpp"
#include "lineside/testing/config_schema_apply.hpp"
#include "lineside/testing/fake_config.hpp"
#include "lineside/testing/fake_directory.hpp"
#include "lineside/testing/fake_records.hpp"
#include "lineside/testing/fake_request.hpp"
#include "lineside/testing/fake_sdp.hpp"

namespace lineside::testing {

/// Deleter for ModuleBase-derived instances of a descriptor without `destroy` (bind_lifecycle sets
/// `destroy`, so plugin.hpp modules do not need it): pass it to FakeHost::load().
inline void delete_module_base(void *instance) { delete static_cast<ModuleBase *>(instance); }

/**
 * A fake kernel for one module. Single-threaded: "SIP thread" callbacks run on the test's thread;
 * worker work runs synchronously in worker_submit; completions and store `done` callbacks wait in
 * a queue until run_pending(); timers fire only in advance(). Not copyable (the module keeps its
 * ctx, which is this object).
 *
 * Typical use: set config(), register providers, load(descriptor), then dispatch() requests,
 * run_pending(), advance() and inspect the recorded logs, metrics, events and responses.
 */
class FakeHost {
 public:
  FakeHost() = default;
  ~FakeHost();
  FakeHost(const FakeHost &) = delete;
  FakeHost &operator=(const FakeHost &) = delete;

  // ---- wiring ----
  /// The host table the module receives (size and ABI version set, every function implemented).
  [[nodiscard]] static const ls_host_t *table();
  /// This host as the module's context handle.
  [[nodiscard]] ls_module_ctx_t *ctx() { return reinterpret_cast<ls_module_ctx_t *>(this); }
  /// The host behind a context handle from ctx().
  [[nodiscard]] static FakeHost *from(ls_module_ctx_t *c) { return reinterpret_cast<FakeHost *>(c); }
  /// A plugin.hpp Host view, for calling module code that takes one.
  [[nodiscard]] Host host_view() { return Host(table(), ctx()); }

  // ---- configuration ----
  /// The module's config root; fill it before load() (load applies the schema's defaults).
  [[nodiscard]] FakeConfig &config() { return *config_; }

  // ---- module lifecycle ----
  /**
   * Check the descriptor (ABI version, required providers), apply the schema to config(), call
   * init then start. Returns false with load_error() set on any failure. When the FakeHost dies
   * it calls stop (unless the test already did) and then the descriptor's destroy, as the kernel
   * does at exit; `destroy` is only used for a descriptor whose own destroy is NULL.
   * One module per FakeHost.
   */
  bool load(const ls_module_descriptor_t *descriptor, std::function<void(void *)> destroy = {});
  /// Why the last load() or reconfigure() failed ("" when it did not).
  [[nodiscard]] const std::string &load_error() const { return load_error_; }
  /// What init returned (nullptr before a successful init).
  [[nodiscard]] void *instance() const { return instance_; }
  /// The instance as a plugin.hpp module class M.
  template <class M>
  [[nodiscard]] M &module() const {
    return *static_cast<M *>(static_cast<ModuleBase *>(instance_));
  }
  /// The loaded descriptor, or nullptr.
  [[nodiscard]] const ls_module_descriptor_t *descriptor() const { return descriptor_; }
  /// Call the descriptor's stop (if any), once, if the module started.
  void stop();
  /// True once stop() ran.
  [[nodiscard]] bool stopped() const { return stopped_; }
  /**
   * SIGHUP reload with `next` (schema applied first): reconfigure_check then reconfigure_apply.
   * On success `next` becomes config() (references to the old root dangle). Returns false with
   * load_error() set when the schema, a NULL reconfigure_check or the check refuses it.
   */
  bool reconfigure(FakeConfig next);
  /// Override a hook's priority as YAML modules.NAME.hooks.HOOK.priority would.
  void override_priority(const std::string &hook_name, int32_t priority) {
    priority_overrides_[hook_name] = priority;
  }

  // ---- requests ----
  /**
   * Run the module's hooks for `hook_id` whose methods filter matches req.method, by ascending
   * priority (ties: declaration order). Stops on STOP or ASYNC; an ERROR from an AUTHENTICATE hook
   * also stops (fail closed). Returns the last verdict, CONTINUE when no hook ran. Every run is
   * appended to req.hooks_run. `payload` becomes ls_hook_args_t.payload (an ls_in_dialog_args_t for
   * LS_HOOK_IN_DIALOG, say).
   */
  uint32_t dispatch(uint32_t hook_id, FakeRequest &req, void *payload = nullptr);
  /**
   * Run the module's LS_HOOK_SDP hooks over `body` as the kernel does (request NULL, each hook
   * seeing the body as the previous one left it; STOP ends the run; ERROR passes the body on).
   * `args` says what the body is; its size, body and edit fields are the test's to set or not:
   * size 0 becomes sizeof(ls_sdp_args_t), a smaller size plays an older host; body and edit are
   * always filled in here.
   */
  SdpRun run_sdp(ls_sdp_args_t args, const std::string &body);
  /// Tie req to this host without running hooks (dispatch does it too), so module code a test
  /// calls directly can suspend it.
  void adopt(FakeRequest &req);
  /// Make req's tokens resolve to NULL (the transaction timed out).
  void expire(FakeRequest &req) { forget(&req); }
  /// Tokens that still resolve to a live request.
  [[nodiscard]] size_t suspended_count() const { return tokens_.size(); }

  // ---- deferred work and the store ----
  /// Completions waiting for run_pending() (store done callbacks, worker done callbacks).
  [[nodiscard]] size_t pending() const { return pending_.size(); }
  /// Run queued completions, including ones they queue, until none is left. Returns how many ran.
  size_t run_pending();
  /// The next store_put / store_delete changes nothing and completes with status -1.
  void fail_next_store_write() { fail_next_store_write_ = true; }
  /// The store: table -> key -> bytes.
  [[nodiscard]] const std::map<std::string, std::map<std::string, std::string>> &store() const {
    return store_;
  }
  /// One stored value, or nullopt.
  [[nodiscard]] std::optional<std::string> store_get(const std::string &table,
                                                     const std::string &key) const;
  /// Put a record directly (to test restore-at-start).
  void store_seed(const std::string &table, const std::string &key, std::string value) {
    store_[table][key] = std::move(value);
  }
  /// Number of store writes (put + delete) the module issued.
  [[nodiscard]] uint64_t store_writes() const { return store_writes_; }

  // ---- clocks and timers ----
  void set_now_unix(int64_t seconds) { unix_ms_ = seconds * 1000; }
  [[nodiscard]] int64_t now_unix() const { return unix_ms_ / 1000; }
  void set_now_mono(int64_t ms) { mono_ms_ = ms; }
  [[nodiscard]] int64_t now_mono() const { return mono_ms_; }
  /// Move both clocks forward by ms, firing due timers in due order (repeating ones re-armed).
  void advance(int64_t ms);
  /// Timers started and not yet finished or cancelled.
  [[nodiscard]] size_t active_timers() const { return timers_.size(); }

  // ---- providers ----
  /// Offer a provider to the module (register before load()).
  void register_provider(const std::string &name, uint32_t version, const void *table, void *self) {
    providers_.push_back(ProviderEntry{name, version, table, self, false});
  }
  /// Offer a FakeDirectory as lineside.directory/1.
  void provide_directory(FakeDirectory &dir) {
    register_provider(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, dir.table(), dir.self());
  }
  /// A registered provider (the module's or the test's), or nullptr.
  [[nodiscard]] const ProviderEntry *provider(std::string_view name, uint32_t version) const {
    for (const auto &p : providers_)
      if (p.name == name && p.version == version) return &p;
    return nullptr;
  }
  /// A provider's table cast to its struct type T, or nullptr.
  template <class T>
  [[nodiscard]] const T *provider_table(std::string_view name, uint32_t version) const {
    const ProviderEntry *p = provider(name, version);
    return p ? static_cast<const T *>(p->table) : nullptr;
  }

  // ---- events ----
  /// Deliver an event to the module's observers for event_id (not recorded in events()).
  void emit(uint32_t event_id, const void *payload);
  /// Build and deliver an LS_EVENT_FLOW_CLOSED (also marks the flow closed for flow_is_open).
  void emit_flow_closed(ls_flow_id_t flow, uint32_t transport = LS_TRANSPORT_TCP,
                        const std::string &addr = "127.0.0.1", uint32_t port = 5060);
  /// Events the module emitted through host->event_emit, in order.
  [[nodiscard]] const std::vector<EmittedEvent> &events() const { return events_; }

  // ---- logs, metrics, config errors ----
  // log and metric_* are any-thread services: the host side locks; read these after joining
  // any threads the module started (or use logged/counter/gauge, which lock too).
  [[nodiscard]] const std::vector<LogLine> &logs() const { return logs_; }
  /// True when some log line contains `needle` (at `level`, when given).
  [[nodiscard]] bool logged(std::string_view needle, std::optional<uint32_t> level = {}) const {
    const std::lock_guard<std::mutex> lock(any_thread_mutex_);
    for (const auto &l : logs_)
      if ((!level || l.level == *level) && l.message.find(needle) != std::string::npos) return true;
    return false;
  }
  void clear_logs() {
    const std::lock_guard<std::mutex> lock(any_thread_mutex_);
    logs_.clear();
  }
  /// A counter's value (metric_add), 0 when never touched. Names are the module's, unprefixed.
  [[nodiscard]] int64_t counter(const std::string &name) const {
    const std::lock_guard<std::mutex> lock(any_thread_mutex_);
    auto it = counters_.find(name);
    return it == counters_.end() ? 0 : it->second;
  }
  /// A gauge's value (metric_set), or nullopt.
  [[nodiscard]] std::optional<int64_t> gauge(const std::string &name) const {
    const std::lock_guard<std::mutex> lock(any_thread_mutex_);
    auto it = gauges_.find(name);
    return it == gauges_.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
  [[nodiscard]] const std::map<std::string, int64_t> &counters() const { return counters_; }
  [[nodiscard]] const std::map<std::string, int64_t> &gauges() const { return gauges_; }
  [[nodiscard]] const std::vector<ConfigErrorRecord> &config_errors() const { return config_errors_; }

  // ---- transports ----
  [[nodiscard]] const std::vector<ListenerSpec> &listeners() const { return listeners_; }
  /// The next transport_listen fails with `reason`.
  void fail_next_listen(std::string reason) { fail_next_listen_ = std::move(reason); }
  /// What flow_is_open answers for `flow` (flows are open unless set closed).
  void set_flow_open(ls_flow_id_t flow, bool open) { flow_open_[flow] = open; }

  // ---- admin API ----
  /// Call the admin handler whose method matches and whose prefix is the longest prefix of
  /// `path`; 404 when none. A handler that never replies yields 500.
  AdminResult admin(const std::string &method, const std::string &path,
                    const std::string &query = "", const std::string &body = "");
  [[nodiscard]] size_t admin_route_count() const { return admin_routes_.size(); }

  // ---- requests the module sends, calls it ends ----
  /// Requests sent through host->request_send, in order.
  [[nodiscard]] const std::vector<SentRequest> &sent_requests() const { return sent_requests_; }
  /// Give request `index` its final outcome (calls the module's done callback once).
  void complete_request(size_t index, uint32_t status, const std::string &to_tag = "", int64_t expires = -1) {
    SentRequest &r = sent_requests_.at(index);
    if (r.completed) return;
    r.completed = true;
    if (!r.done) return;
    ls_request_outcome_t o{sizeof(ls_request_outcome_t), status, "", to_tag.empty() ? nullptr : to_tag.c_str(),
                           expires};
    r.done(r.arg, &o);
  }
  /// The next request_send returns -1 (as the host does for a closed flow).
  void fail_next_request_send() { fail_next_request_send_ = true; }
  /// Calls the module ended through host->call_end; `known_calls` lists ids call_end accepts
  /// (empty: every id is accepted).
  [[nodiscard]] const std::vector<EndedCall> &ended_calls() const { return ended_calls_; }
  void set_known_calls(std::set<uint64_t> ids) { known_calls_ = std::move(ids); }

  // ---- transfers ----
  /// Transfers requested through host->call_transfer, in order (refused ones are not recorded).
  [[nodiscard]] const std::vector<TransferCall> &transfers() const { return transfers_; }
  /// Give transfer `index` its outcome (calls the module's done callback once).
  void complete_transfer(size_t index, uint32_t status) {
    TransferCall &t = transfers_.at(index);
    if (t.completed) return;
    t.completed = true;
    if (t.done) t.done(t.arg, t.call_id, status);
  }
  /// The next call_transfer returns -1 (no such call, not connected, one already running).
  void fail_next_transfer() { fail_next_transfer_ = true; }
  /// The next call_transfer calls `done` with `status` before returning 0 (an immediate failure).
  void fail_next_transfer_at_once(uint32_t status) { immediate_transfer_status_ = status; }
  /// A dialog host->call_find_dialog should find.
  void add_dialog(FakeDialog dialog) { dialogs_.push_back(std::move(dialog)); }

  // ---- identity ----
  void set_sip_domain(std::string domain) { sip_domain_ = std::move(domain); }
  [[nodiscard]] const std::string &sip_domain() const { return sip_domain_; }

 private:
  friend class FakeHostTable;
  friend class FakeRequestApi;
  friend class FakeRequest;

  struct Timer {
    int64_t due;
    uint64_t interval;
    ls_timer_fn fn;
    void *arg;
    uint64_t seq;
  };
  struct AdminRoute {
    std::string method;
    std::string prefix;
    ls_admin_fn fn;
    void *arg;
  };

  /// The module's hooks for hook_id whose methods match `method`, in the order they run.
  [[nodiscard]] std::vector<const ls_hook_decl_t *> hook_chain(uint32_t hook_id,
                                                               const char *method) const;
  /// Drop every token that points at req.
  void forget(FakeRequest *req);
  /// req is being destroyed: forget its tokens and stop tracking it.
  void release(FakeRequest *req);
  /// Queue a completion for run_pending().
  void defer(std::function<void()> fn) { pending_.push_back(std::move(fn)); }

  std::unique_ptr<FakeConfig> config_ = std::make_unique<FakeConfig>();
  const ls_module_descriptor_t *descriptor_ = nullptr;
  void *instance_ = nullptr;
  std::function<void(void *)> destroy_;
  std::string load_error_;
  bool started_ = false;  ///< init and start succeeded
  bool stopped_ = false;
  std::map<std::string, int32_t> priority_overrides_;

  std::map<ls_token_t, FakeRequest *> tokens_;
  std::set<ls_token_t> resumed_tokens_;
  std::set<FakeRequest *> live_requests_;  ///< dispatched requests still alive
  ls_token_t next_token_ = 1;

  std::deque<std::function<void()>> pending_;
  std::map<std::string, std::map<std::string, std::string>> store_;
  bool fail_next_store_write_ = false;
  uint64_t store_writes_ = 0;

  int64_t unix_ms_ = 1'700'000'000'000;
  int64_t mono_ms_ = 1'000'000;
  std::map<ls_timer_id_t, Timer> timers_;
  ls_timer_id_t next_timer_ = 1;
  uint64_t timer_seq_ = 0;

  std::vector<ProviderEntry> providers_;
  std::vector<EmittedEvent> events_;
  mutable std::mutex any_thread_mutex_;  ///< guards logs_, counters_, gauges_
  std::vector<LogLine> logs_;
  std::map<std::string, int64_t> counters_;
  std::map<std::string, int64_t> gauges_;
  std::vector<ConfigErrorRecord> config_errors_;
  std::vector<ListenerSpec> listeners_;
  std::optional<std::string> fail_next_listen_;
  std::map<ls_flow_id_t, bool> flow_open_;
  std::vector<AdminRoute> admin_routes_;
  std::string sip_domain_ = "pbx.test";
  std::vector<SentRequest> sent_requests_;
  bool fail_next_request_send_ = false;
  std::vector<EndedCall> ended_calls_;
  std::set<uint64_t> known_calls_;
  std::vector<TransferCall> transfers_;
  bool fail_next_transfer_ = false;
  uint32_t immediate_transfer_status_ = 0;
  std::vector<FakeDialog> dialogs_;
};

}  // namespace lineside::testing

// The members and C functions behind FakeHost, kept in their own files (not includable alone).
#define LINESIDE_TESTING_FAKE_HOST_PARTS 1
#include "lineside/testing/fake_request_api.hpp"
#include "lineside/testing/fake_host_table.hpp"
#include "lineside/testing/fake_host_impl.hpp"
#undef LINESIDE_TESTING_FAKE_HOST_PARTS
