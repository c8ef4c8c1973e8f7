// calls/call_router.cpp: DN lookup over main and additional line DNs, then location lookup.
#include "calls/call_router.hpp"

#include "directory/directory.hpp"
#include "host/providers.hpp"

namespace lineside::kernel {

namespace {
struct Collect {
  const Device *device;
  const std::string *dn;
  std::vector<CallTarget> *out;
};

int collect_binding(void *arg, const ls_binding_t *b) {
  auto *c = static_cast<Collect *>(arg);
  // A TCP/TLS binding without an open connection cannot be dialled: the phone reconnects itself.
  if (b->awaiting_reconnect || (b->transport != LS_TRANSPORT_UDP && b->flow == 0)) return 0;
  CallTarget t;
  t.device_id = c->device->id;
  t.user = b->user ? b->user : c->device->user;
  t.dn = *c->dn;
  t.contact_uri = b->contact_uri ? b->contact_uri : "";
  t.transport = b->transport;
  t.flow = b->flow;
  if (!t.contact_uri.empty()) c->out->push_back(std::move(t));
  return 0;
}
}  // namespace

RouteResult CallRouter::route(const std::string &dialled) const {
  RouteResult result;
  std::vector<const Device *> devices = directory_.devices_for_dn(dialled);
  if (devices.empty()) {
    result.outcome = RouteResult::Outcome::unknown_number;
    return result;
  }
  const ProviderRegistry::Entry *loc = providers_.find(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION);
  if (!loc) {
    result.outcome = RouteResult::Outcome::no_location_service;
    return result;
  }
  const auto *table = static_cast<const ls_location_v1_t *>(loc->table);
  for (const Device *d : devices) {
    Collect c{d, &dialled, &result.targets};
    table->lookup(loc->self, d->user.c_str(), collect_binding, &c);
  }
  result.outcome = result.targets.empty() ? RouteResult::Outcome::not_registered
                                          : RouteResult::Outcome::targets;
  return result;
}

}  // namespace lineside::kernel
