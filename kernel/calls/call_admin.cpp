// calls/call_admin.cpp: active calls as JSON for the admin API.
#include "calls/call_admin.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "admin/kernel_routes.hpp"
#include "calls/call_engine.hpp"

namespace lineside::kernel {

void add_call_routes(KernelRoutes &routes, const CallEngine &engine) {
  routes.add("GET", "/api/v1/calls", [&engine](const AdminCall &, AdminRespond respond) {
    Poco::JSON::Array::Ptr calls = new Poco::JSON::Array;
    engine.for_each_call([&calls](const Call &call) {
      const Call::Summary s = call.summary();
      Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
      c->set("id", call.id());
      c->set("caller_dn", s.caller->dn);
      c->set("dialled", *s.dialled);
      c->set("ringing_dn", call.current_dn());
      c->set("state", call.finished() ? "ended" : call.answered() ? "connected" : "ringing");
      c->set("started_at_ms", s.start_ms);
      c->set("answered_at_ms", s.answer_ms);
      if (!s.callee_dn.empty()) c->set("connected_dn", s.callee_dn);
      calls->add(c);
    });
    Poco::JSON::Object out;
    out.set("count", calls->size());
    out.set("calls", calls);
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(out, text);
    respond(200, text.str());
  });
}

}  // namespace lineside::kernel
