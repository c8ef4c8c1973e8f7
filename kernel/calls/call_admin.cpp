// calls/call_admin.cpp: active calls as JSON for the admin API.
#include "calls/call_admin.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cctype>

#include <sstream>

#include "admin/kernel_routes.hpp"
#include "calls/call_engine.hpp"

namespace lineside::kernel {

namespace {
std::string json_text(const Poco::JSON::Object &o) {
  std::ostringstream text;
  Poco::JSON::Stringifier::stringify(o, text);
  return text.str();
}
std::string error_body(const std::string &message) {
  Poco::JSON::Object o;
  o.set("error", message);
  return json_text(o);
}
bool dn_like(const std::string &s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '*' && c != '#' && c != '+') return false;
  }
  return true;
}

/// POST /api/v1/calls {"from": DN, "to": DN, "auto_answer": bool}: third-party call control.
void originate_route(CallEngine &engine, const AdminCall &call, const AdminRespond &respond) {
  Poco::JSON::Object::Ptr in;
  try {
    in = Poco::JSON::Parser().parse(call.body.empty() ? std::string("{}") : call.body).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception &) {
    respond(400, error_body("the body must be a JSON object"));
    return;
  }
  std::string fields[2];
  const char *names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    if (!in || !in->has(names[i]) || !in->get(names[i]).isString()) {
      respond(400, error_body(std::string("field '") + names[i] + "': required, a DN as a string"));
      return;
    }
    fields[i] = in->getValue<std::string>(names[i]);
    if (!dn_like(fields[i])) {
      respond(400, error_body(std::string("field '") + names[i] + "': a DN is 1-32 of 0-9 * # +"));
      return;
    }
  }
  bool auto_answer = false;
  if (in->has("auto_answer")) {
    if (!in->get("auto_answer").isBoolean()) {
      respond(400, error_body("field 'auto_answer': must be true or false"));
      return;
    }
    auto_answer = in->getValue<bool>("auto_answer");
  }
  uint64_t id = 0;
  int status = 0;
  std::string error;
  if (!engine.originate(fields[0], fields[1], auto_answer, id, status, error)) {
    respond(status == 404 ? 404 : 409, error_body(error));
    return;
  }
  Poco::JSON::Object out;
  out.set("id", id);
  out.set("state", "ringing");
  out.set("from", fields[0]);
  out.set("to", fields[1]);
  respond(202, json_text(out));
}
}  // namespace

void add_call_routes(KernelRoutes &routes, CallEngine &engine) {
  routes.add("POST", "/api/v1/calls", [&engine](const AdminCall &call, AdminRespond respond) {
    originate_route(engine, call, respond);
  });
  routes.add("DELETE", "/api/v1/calls", [&engine](const AdminCall &call, AdminRespond respond) {
    const std::string prefix = "/api/v1/calls/";
    const std::string id_text = call.path.size() > prefix.size() ? call.path.substr(prefix.size()) : "";
    uint64_t id = 0;
    try {
      size_t used = 0;
      id = std::stoull(id_text, &used);
      if (used != id_text.size()) throw std::invalid_argument("id");
    } catch (const std::exception &) {
      respond(400, error_body("the call id must be a number"));
      return;
    }
    if (!engine.end_call(id, 16, "Ended by the administrator")) {
      respond(404, error_body("no active call " + id_text));
      return;
    }
    respond(204, "");
  });
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
