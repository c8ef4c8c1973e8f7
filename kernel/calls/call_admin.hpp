// calls/call_admin.hpp: the admin API's read-only view of active calls (GET /api/v1/calls).
#pragma once

namespace lineside::kernel {

class CallEngine;
class KernelRoutes;

/// Serve GET /api/v1/calls: {"calls":[{"id","caller_dn","dialled","ringing_dn","state",
/// "started_at_ms","answered_at_ms"}...],"count":N}.
void add_call_routes(KernelRoutes &routes, const CallEngine &engine);

}  // namespace lineside::kernel
