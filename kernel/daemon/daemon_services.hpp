// daemon/daemon_services.hpp: the daemon's services, in construction order (destroyed in reverse).
#pragma once

#include <memory>

#include "admin/admin_auth.hpp"
#include "admin/admin_routes.hpp"
#include "calls/call_admission.hpp"
#include "calls/call_engine.hpp"
#include "calls/outgoing_requests.hpp"
#include "admin/admin_server.hpp"
#include "admin/kernel_routes.hpp"
#include "daemon/daemon.hpp"
#include "daemon/signal_watcher.hpp"
#include "directory/directory.hpp"
#include "host/event_bus.hpp"
#include "host/hook_chains.hpp"
#include "host/host_services.hpp"
#include "host/module_set.hpp"
#include "host/providers.hpp"
#include "host/request_pipeline.hpp"
#include "host/timer_service.hpp"
#include "provisioning/provisioning.hpp"
#include "runtime/metrics.hpp"
#include "runtime/worker_pool.hpp"
#include "sip/flow_table.hpp"
#include "sip/sip_loop.hpp"
#include "sip/sip_stack.hpp"
#include "store/store.hpp"

namespace lineside::kernel {

/// Every service, declared in construction order (destroyed in reverse).
struct Daemon::Services {
  std::unique_ptr<SipLoop> loop;
  Metrics metrics;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<Store> store;
  Directory directory;
  FlowTable flows;
  HookChains chains;
  EventBus events;
  ProviderRegistry providers;
  AdminRoutes admin_routes;
  KernelRoutes kernel_routes;
  std::unique_ptr<Provisioning> provisioning;
  std::unique_ptr<RequestPipeline> pipeline;
  std::unique_ptr<SipStack> sip;
  std::unique_ptr<TimerService> timers;
  std::unique_ptr<CallEngine> calls;
  CallAdmission admission;  ///< kernel.calls limits on new calls
  std::unique_ptr<OutgoingRequests> requests;  ///< after calls: destroyed before the engine it uses
  HostServices host;
  std::unique_ptr<ModuleSet> modules;
  std::unique_ptr<AdminAuth> admin_auth;
  std::unique_ptr<AdminServer> admin;
  std::unique_ptr<SignalWatcher> signals;
  ls_timer_id_t tick = 0;
};

}  // namespace lineside::kernel
