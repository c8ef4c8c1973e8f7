// registrar/location_service.cpp: the lineside.location/1 provider over the binding table.
#include "location_service.hpp"

#include <vector>

namespace lineside::registrar {
namespace {

const char *or_null(const std::string &text) { return text.empty() ? nullptr : text.c_str(); }

/// Visit copies, so a visitor that changes registrations cannot invalidate what it is given.
uint32_t visit_all(const std::vector<Binding> &bindings, int64_t now, ls_binding_visit_fn visit,
                   void *arg) {
  uint32_t visited = 0;
  for (const Binding &b : bindings) {
    if (b.expires_at <= now) continue;
    const ls_binding_t abi = to_abi_binding(b);
    ++visited;
    if (visit && visit(arg, &abi) != 0) break;
  }
  return visited;
}

uint32_t lookup_fn(void *self, const char *user, ls_binding_visit_fn visit, void *arg) {
  return static_cast<const LocationService *>(self)->lookup(user, visit, arg);
}
uint64_t for_each_fn(void *self, ls_binding_visit_fn visit, void *arg) {
  return static_cast<const LocationService *>(self)->for_each(visit, arg);
}
uint64_t count_fn(void *self) { return static_cast<const LocationService *>(self)->count(); }

}  // namespace

ls_binding_t to_abi_binding(const Binding &b) {
  ls_binding_t out{};
  out.size = sizeof out;
  out.transport = b.transport;
  out.aor = b.aor.c_str();
  out.user = b.user.c_str();
  out.device_id = b.device_id.c_str();
  out.contact_uri = b.contact_uri.c_str();
  out.expires_at = b.expires_at;
  out.flow = b.flow;
  out.source_addr = b.source_addr.c_str();
  out.source_port = b.source_port;
  out.awaiting_reconnect = b.awaiting_reconnect ? 1u : 0u;
  out.path = or_null(b.path);
  out.instance = or_null(b.instance);
  out.user_agent = or_null(b.user_agent);
  out.q_milli = b.q_milli;
  return out;
}

const ls_location_v1_t *LocationService::provider_table() {
  static const ls_location_v1_t table = {sizeof(ls_location_v1_t), 0, &lookup_fn, &for_each_fn,
                                         &count_fn};
  return &table;
}

uint32_t LocationService::lookup(const char *user, ls_binding_visit_fn visit, void *arg) const {
  if (!user) return 0;
  return visit_all(table_.of_user(user), host_.now_unix(), visit, arg);
}

uint64_t LocationService::for_each(ls_binding_visit_fn visit, void *arg) const {
  std::vector<Binding> all;
  all.reserve(table_.size());
  table_.for_each([&](const Binding &b) {
    all.push_back(b);
    return true;
  });
  return visit_all(all, host_.now_unix(), visit, arg);
}

uint64_t LocationService::count() const {
  return table_.size() - table_.expired(host_.now_unix()).size();
}

}  // namespace lineside::registrar
