// daemon/daemon.cpp: start-up order, the maintenance tick and graceful shutdown.
#include "daemon/daemon.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <iostream>

#include "daemon/daemon_services.hpp"
#include "calls/call_admin.hpp"
#include "admin/admin_auth.hpp"
#include "admin/admin_routes.hpp"
#include "admin/admin_server.hpp"
#include "admin/admin_token.hpp"
#include "daemon/signal_watcher.hpp"
#include "directory/directory.hpp"
#include "host/event_bus.hpp"
#include "host/hook_chains.hpp"
#include "host/host_services.hpp"
#include "host/host_table.hpp"
#include "host/module_set.hpp"
#include "host/providers.hpp"
#include "host/request_pipeline.hpp"
#include "host/timer_service.hpp"
#include "provisioning/provisioning_routes.hpp"
#include "provisioning/provisioning_setup.hpp"
#include "runtime/logger.hpp"
#include "runtime/metrics.hpp"
#include "runtime/worker_pool.hpp"
#include "sip/flow_table.hpp"
#include "sip/sip_loop.hpp"
#include "sip/sip_stack.hpp"
#include "sip/sofia_log.hpp"
#include "store/sqlite_store.hpp"

#ifndef LINESIDE_INSTALLED_MODULE_DIR
#define LINESIDE_INSTALLED_MODULE_DIR "/usr/lib/lineside/modules"
#endif

namespace lineside::kernel {

namespace {
constexpr int64_t kMaxSuspendMs = 32000;  // 64*T1: a suspended request is answered 500 after this

bool make_dir(const std::string &path, mode_t mode, std::string &err) {
  if (::mkdir(path.c_str(), mode) == 0 || errno == EEXIST) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
    err = path + " exists and is not a folder";
    return false;
  }
  err = "cannot create " + path + ": " + std::strerror(errno);
  return false;
}

std::string executable_dir() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}
}  // namespace

std::vector<std::string> module_search_dirs(const CommandLine &cl, const KernelSettings *kernel) {
  std::vector<std::string> dirs = cl.module_dirs;
  if (kernel) dirs.insert(dirs.end(), kernel->module_dirs.begin(), kernel->module_dirs.end());
  const std::string exe = executable_dir();
  if (!exe.empty()) dirs.push_back(exe + "/../modules");
  dirs.push_back(LINESIDE_INSTALLED_MODULE_DIR);
  return dirs;
}

Daemon::Daemon(CommandLine cl) : cl_(std::move(cl)) {}

Daemon::~Daemon() { shutdown(); }

int Daemon::run() {
  try {
    config_ = load_config(cl_.config_path, LoadOptions{cl_.state_dir});
  } catch (const ConfigException &e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  Logger::instance().set_level(static_cast<LogLevel>(config_.kernel.log.level));
  redirect_sofia_logs(static_cast<unsigned>(config_.kernel.log.sofia_level));
  try {
    if (!start()) {
      shutdown();
      return 1;
    }
  } catch (const ConfigException &e) {
    std::cerr << e.what() << "\n";
    shutdown();
    return 2;
  } catch (const std::exception &e) {
    log_error("kernel", std::string("start-up failed: ") + e.what());
    shutdown();
    return 1;
  }
  s_->loop->run();
  log_notice("kernel", "stopping");
  shutdown();
  log_notice("kernel", "stopped");
  return 0;
}

bool Daemon::start() {
  const KernelSettings &k = config_.kernel;
  std::string err;
  if (!make_dir(k.state_dir, 0750, err) || !make_dir(k.state_dir + "/run", 0700, err)) {
    log_error("kernel", err);
    return false;
  }
  ::chmod((k.state_dir + "/run").c_str(), 0700);
  s_ = std::make_unique<Services>();
  Services &s = *s_;
  su_init();
  s.loop = std::make_unique<SipLoop>();
  s.workers = std::make_unique<WorkerPool>(k.workers);
  SipLoop *loop = s.loop.get();
  s.store = open_sqlite_store(
      SqliteStoreOptions{k.store.path, k.store.synchronous == StoreSync::full, k.store.batch_max, 5000,
                         [](const std::string &m) { log_error("store", m); }},
      [loop](std::vector<std::function<void()>> &&batch) {
        loop->post([b = std::move(batch)] {
          for (const auto &done : b) done();
        });
      });
  s.provisioning = start_provisioning(
      *s.store, s.directory, s.events,
      ProvisioningSetup{k.sip_domain, {k.licences.ip_users, k.licences.single_line_users}, k.directory_file});
  add_provisioning_routes(s.kernel_routes, *s.provisioning);
  s.pipeline = std::make_unique<RequestPipeline>(s.chains, s.flows, s.metrics);
  bind_host_pipeline(s.pipeline.get());
  RequestPipeline *pipeline = s.pipeline.get();
  s.sip = std::make_unique<SipStack>(
      *loop, SipStack::Options{k.sip.udp_mtu, k.sip.max_message_size, k.state_dir + "/run"},
      [pipeline](sofia::MsgRef msg, sip_t *sip) { pipeline->on_message(std::move(msg), sip); });
  s.pipeline->set_agent(s.sip->agent());
  s.timers = std::make_unique<TimerService>(*loop);
  s.calls = std::make_unique<CallEngine>(*loop, *s.sip, s.flows, s.directory, s.providers, s.chains,
                                         s.events, *s.timers, s.metrics, k.sip_domain,
                                         CallSettings{k.calls.ring_timeout_ms});
  CallEngine *calls = s.calls.get();
  add_call_routes(s.kernel_routes, *calls);
  s.admission.set_limits(admission_limits(k.calls));
  s.pipeline->set_kernel_handler([calls](std::unique_ptr<ls_request> &req) { return calls->take(req); });
  s.pipeline->set_gate([calls, &s](ls_request &req) { return refuse_new_call(s.admission, *calls, req, s.metrics); });
  s.pipeline->set_auth_exemption([calls](ls_request &req) {
    const char *dialled = req.field(LS_FIELD_REQUEST_URI_USER);
    return req.sip()->sip_request->rq_method == sip_method_invite && dialled && calls->is_emergency_number(dialled);
  });
  s.providers.add(LS_DIRECTORY_PROVIDER, LS_DIRECTORY_VERSION, Directory::provider_table(),
                  &s.directory, nullptr);
  s.providers.add(LS_CAPABILITIES_PROVIDER, LS_CAPABILITIES_VERSION, Directory::capabilities_table(),
                  &s.directory, nullptr);
  s.host = HostServices{loop, s.sip.get(), &s.flows, s.pipeline.get(), s.store.get(), &s.metrics,
                        &s.directory, &s.providers, &s.events, s.timers.get(), s.workers.get(),
                        &s.admin_routes, k.sip_domain};
  s.requests = std::make_unique<OutgoingRequests>(*loop, *calls);
  s.host.calls = calls;
  s.host.requests = s.requests.get();
  s.modules = std::make_unique<ModuleSet>(s.host, s.providers, s.chains, s.events);
  std::vector<ModuleEntry> enabled;
  for (const auto &m : config_.modules) {
    if (m.enabled) enabled.push_back(m);
  }
  s.modules->open_all(enabled, module_search_dirs(cl_, &k));
  if (s.modules->fatal_errors().empty()) s.modules->init_and_start();
  if (!s.modules->fatal_errors().empty()) {
    for (const auto &e : s.modules->fatal_errors()) std::cerr << e << "\n";
    log_error("kernel", "start-up aborted: a required module could not be loaded");
    return false;
  }
  if (s.sip->listeners().empty()) {
    log_error("kernel", "no SIP listener is open: enable the transport module and give it listeners");
    return false;
  }
  if (k.admin.enabled) {
    s.admin_auth = std::make_unique<AdminAuth>(load_or_create_admin_token(k.admin.token_file), k.admin.users);
    s.admin = std::make_unique<AdminServer>(k.admin.listen, *s.admin_auth, s.admin_routes, s.kernel_routes,
                                            s.metrics, *loop, AdminTls{k.admin.cert_file, k.admin.key_file});
  }
  s.tick = s.timers->start(1000, 1000, [this](ls_timer_id_t) { maintenance(); });
  s.signals = std::make_unique<SignalWatcher>([loop] { loop->stop(); },
                                              [this, loop] { loop->post([this] { reload(); }); });
  size_t active = 0;
  for (const auto &r : s.modules->records()) active += r->active ? 1 : 0;
  log_notice("kernel", "lineside: ready (" + std::to_string(active) + " modules, " +
                           std::to_string(s.sip->listeners().size()) + " listeners, " +
                           std::to_string(s.directory.size()) + " devices)");
  return true;
}

void Daemon::maintenance() {
  Services &s = *s_;
  s.flows.sweep([&s](const FlowTable::Closed &c) {
    ls_flow_event_t ev{sizeof(ls_flow_event_t), c.transport, c.flow, c.remote_addr.c_str(),
                       c.remote_port, 0};
    s.events.emit(LS_EVENT_FLOW_CLOSED, &ev);
  });
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  s.pipeline->expire_suspended(static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000,
                               kMaxSuspendMs);
  s.metrics.set("lineside_kernel_flows", static_cast<int64_t>(s.flows.size()));
  s.metrics.set("lineside_kernel_suspended_requests", static_cast<int64_t>(s.pipeline->suspended_count()));
  const StoreStats st = s.store->stats();
  s.metrics.set("lineside_kernel_store_commits", static_cast<int64_t>(st.commits));
  s.metrics.set("lineside_kernel_store_records_written", static_cast<int64_t>(st.records_written));
}

void Daemon::shutdown() {
  if (!s_) return;
  Services &s = *s_;
  s.signals.reset();
  s.admin.reset();
  if (s.calls) s.calls->stop_all();
  if (s.modules) s.modules->stop_all();
  if (s.pipeline) s.pipeline->abort_all();
  if (s.modules) s.modules->destroy_all();
  s.requests.reset();  // modules' requests still in flight: their transactions go while NTA lives
  s.flows.clear();  // drop our tport references before NTA frees its transports
  if (s.sip) s.sip->close_transports();
  if (s.store) s.store->flush();
  s.calls.reset();
  if (s.timers) s.timers.reset();
  s.sip.reset();
  s.pipeline.reset();
  bind_host_pipeline(nullptr);
  s.store.reset();
  s.workers.reset();
  const bool had_loop = s.loop != nullptr;
  s.loop.reset();
  s_.reset();
  if (had_loop) su_deinit();
}

}  // namespace lineside::kernel
