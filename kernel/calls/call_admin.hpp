// calls/call_admin.hpp: the admin API for calls: list, originate (third-party call control), hang up.
#pragma once

namespace lineside::kernel {

class CallEngine;
class KernelRoutes;

/// Serve GET /api/v1/calls: {"calls":[{"id","caller_dn","dialled","ringing_dn","state",
/// "started_at_ms","answered_at_ms"}...],"count":N}; POST /api/v1/calls {"from","to","auto_answer"}
/// (202 {"id"}, 400 naming the field, 404 unknown DN, 409 not registered); DELETE /api/v1/calls/{id}.
void add_call_routes(KernelRoutes &routes, CallEngine &engine);

}  // namespace lineside::kernel
