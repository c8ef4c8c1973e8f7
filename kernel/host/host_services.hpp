// host/host_services.hpp: the kernel services behind the host table, bundled for module contexts.
#pragma once

#include <string>

namespace lineside::kernel {

class SipLoop;
class SipStack;
class FlowTable;
class RequestPipeline;
class Store;
class Metrics;
class Directory;
class ProviderRegistry;
class EventBus;
class TimerService;
class WorkerPool;
class AdminRoutes;
class CallEngine;
class OutgoingRequests;

/// Non-owning pointers to the daemon's services; the Daemon owns them all and outlives every
/// module callback.
struct HostServices {
  SipLoop *loop = nullptr;
  SipStack *sip = nullptr;
  FlowTable *flows = nullptr;
  RequestPipeline *pipeline = nullptr;
  Store *store = nullptr;
  Metrics *metrics = nullptr;
  Directory *directory = nullptr;
  ProviderRegistry *providers = nullptr;
  EventBus *events = nullptr;
  TimerService *timers = nullptr;
  WorkerPool *workers = nullptr;
  AdminRoutes *admin = nullptr;
  std::string sip_domain;
  CallEngine *calls = nullptr;           ///< host->call_end
  OutgoingRequests *requests = nullptr;  ///< host->request_send
};

}  // namespace lineside::kernel
