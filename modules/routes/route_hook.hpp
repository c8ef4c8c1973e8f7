// routes/route_hook.hpp: a route-hook declaration for a plugin.hpp module whose member function
// takes the hook's arguments (plugin.hpp's hook<> gives only the request, and the route hook's
// ls_route_args_t comes in args->payload).
#pragma once

#include <exception>
#include <string>

#include "lineside/plugin.hpp"

namespace lineside::routes {

/// Trampoline: calls `uint32_t M::Fn(const ls_hook_args_t &)` behind an exception barrier.
template <class M, uint32_t (M::*Fn)(const ls_hook_args_t &)>
uint32_t args_hook_trampoline(void *instance, const ls_hook_args_t *args) noexcept {
  auto *self = static_cast<M *>(static_cast<ModuleBase *>(instance));
  try {
    if (!args) return LS_VERDICT_ERROR;
    return (self->*Fn)(*args);
  } catch (const std::exception &e) {
    self->host().error(std::string("exception in route hook: ") + e.what());
  } catch (...) {
    self->host().error("unknown exception in route hook");
  }
  return LS_VERDICT_ERROR;
}

/// An LS_HOOK_ROUTE declaration for M::Fn (INVITE only).
template <class M, uint32_t (M::*Fn)(const ls_hook_args_t &)>
constexpr ls_hook_decl_t route_hook(const char *name, int32_t priority) {
  return ls_hook_decl_t{sizeof(ls_hook_decl_t),      LS_HOOK_ROUTE, name, priority, "INVITE",
                        &args_hook_trampoline<M, Fn>};
}

/// The route arguments of a hook call, or nullptr when the payload is missing or too short to
/// hold the fields of ABI 1.0 (call_id, dialled, caller_device_id, caller_dn).
inline const ls_route_args_t *route_args(const ls_hook_args_t &args) {
  const auto *a = static_cast<const ls_route_args_t *>(args.payload);
  if (!a || !LS_HAS_FIELD(a, ls_route_args_t, caller_dn)) return nullptr;
  return a;
}

/// True when the host classified the call as emergency (a host too old to say: false).
inline bool route_is_emergency(const ls_route_args_t *a) {
  return LS_HAS_FIELD(a, ls_route_args_t, emergency) && a->emergency != 0;
}

}  // namespace lineside::routes
