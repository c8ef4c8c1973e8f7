// provisioning/provisioning_routes.cpp: HTTP method + path -> provisioning reads and operations.
#include "provisioning/provisioning_routes.hpp"

#include <Poco/JSON/Array.h>

#include <vector>

#include "directory/device_types.hpp"
#include "provisioning/device_json.hpp"
#include "provisioning/json_fields.hpp"
#include "provisioning/profile_json.hpp"

namespace lineside::kernel {

namespace {

using Obj = Poco::JSON::Object::Ptr;

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

/// Path segments after `prefix` ("/api/v1/devices/a/dns" -> {"a", "dns"}).
std::vector<std::string> segments(const std::string &path, const std::string &prefix) {
  std::vector<std::string> out;
  std::string rest = path.substr(prefix.size());
  size_t start = 0;
  while (start < rest.size()) {
    if (rest[start] == '/') {
      ++start;
      continue;
    }
    const size_t end = rest.find('/', start);
    out.push_back(rest.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

void not_found(const AdminRespond &respond) {
  Refusal r;
  r.add(404, {"path", "not_found", "no such resource", {}});
  respond(404, refusal_json(r));
}

/// Parse the body and run `op` through the provisioning queue.
void write(Provisioning &prov, const AdminCall &call, const AdminRespond &respond,
           std::function<OpResult(const DirectoryData &, const OpContext &, const Poco::JSON::Object &)> op) {
  Refusal r;
  Obj body = parse_json_object(call.body.empty() ? std::string("{}") : call.body, r);
  if (!body) {
    respond(r.status, refusal_json(r));
    return;
  }
  prov.submit([body, op](const DirectoryData &now, const OpContext &ctx) { return op(now, ctx, *body); },
              respond);
}

bool profile_number(const std::string &text, uint32_t &out) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = static_cast<uint32_t>(std::stoul(text));
  return true;
}

const Device *find_device(const DirectoryData &data, const std::string &id) {
  for (const Device &d : data.devices) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

Obj dns_of(const Device &d) {
  Obj o = object();
  o->set("device_id", d.id);
  o->set("dn", d.dn);
  Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
  for (const auto &dn : d.additional_dns) lines->add(dn);
  o->set("additional_dns", lines);
  return o;
}

void get_devices(Provisioning &prov, const AdminCall &call, const AdminRespond &respond) {
  const auto seg = segments(call.path, "/api/v1/devices");
  const DirectoryData &data = prov.data();
  if (seg.empty()) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const Device &d : data.devices) list->add(device_view(d));
    Obj o = object();
    o->set("devices", list);
    o->set("count", data.devices.size());
    return respond(200, json_text(o));
  }
  const Device *d = find_device(data, seg[0]);
  if (!d || seg.size() > 2 || (seg.size() == 2 && seg[1] != "dns")) return not_found(respond);
  respond(200, json_text(seg.size() == 1 ? device_view(*d) : dns_of(*d)));
}

void post_devices(Provisioning &prov, const AdminCall &call, const AdminRespond &respond) {
  const auto seg = segments(call.path, "/api/v1/devices");
  if (seg.empty()) return write(prov, call, respond, op_create_device);
  if (seg.size() != 2 || seg[1] != "dns") return not_found(respond);
  const std::string id = seg[0];
  write(prov, call, respond, [id](const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in) {
    return op_add_line_dn(now, ctx, id, in);
  });
}

void patch_devices(Provisioning &prov, const AdminCall &call, const AdminRespond &respond) {
  const auto seg = segments(call.path, "/api/v1/devices");
  if (seg.size() != 1) return not_found(respond);
  const std::string id = seg[0];
  write(prov, call, respond, [id](const DirectoryData &now, const OpContext &ctx, const Poco::JSON::Object &in) {
    return op_patch_device(now, ctx, id, in);
  });
}

void delete_devices(Provisioning &prov, const AdminCall &call, const AdminRespond &respond) {
  const auto seg = segments(call.path, "/api/v1/devices");
  if (seg.size() == 1) {
    const std::string id = seg[0];
    return prov.submit([id](const DirectoryData &now, const OpContext &) { return op_delete_device(now, id); },
                       respond);
  }
  if (seg.size() != 3 || seg[1] != "dns") return not_found(respond);
  const std::string id = seg[0], dn = seg[2];
  prov.submit([id, dn](const DirectoryData &now, const OpContext &ctx) { return op_remove_line_dn(now, ctx, id, dn); },
              respond);
}

void get_dns(Provisioning &prov, const AdminCall &, const AdminRespond &respond) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const Device &d : prov.data().devices) {
    Obj main = object();
    main->set("dn", d.dn);
    main->set("device_id", d.id);
    main->set("kind", std::string("main"));
    list->add(main);
    for (const auto &dn : d.additional_dns) {
      Obj line = object();
      line->set("dn", dn);
      line->set("device_id", d.id);
      line->set("kind", std::string("line"));
      list->add(line);
    }
  }
  Obj o = object();
  o->set("dns", list);
  o->set("count", list->size());
  respond(200, json_text(o));
}

void get_profiles(Provisioning &prov, const AdminCall &call, const AdminRespond &respond) {
  const auto seg = segments(call.path, "/api/v1/profiles");
  const DirectoryData &data = prov.data();
  if (seg.empty()) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const CapabilityProfile &p : data.profiles) list->add(profile_json(p));
    for (const CapabilityProfile &p : builtin_profiles()) list->add(profile_json(p));
    Obj o = object();
    o->set("profiles", list);
    o->set("count", list->size());
    return respond(200, json_text(o));
  }
  uint32_t id = 0;
  if (seg.size() != 1 || !profile_number(seg[0], id)) return not_found(respond);
  if (id >= 1 && id <= kUserProfileMax) return respond(200, json_text(profile_json(data.profiles[id - 1])));
  if (const CapabilityProfile *p = builtin_profile(id)) return respond(200, json_text(profile_json(*p)));
  not_found(respond);
}

void write_profile(Provisioning &prov, const AdminCall &call, const AdminRespond &respond, bool reset) {
  const auto seg = segments(call.path, "/api/v1/profiles");
  uint32_t id = 0;
  if (seg.size() != 1 || !profile_number(seg[0], id)) return not_found(respond);
  if (reset) {
    return prov.submit([id](const DirectoryData &now, const OpContext &) { return op_reset_profile(now, id); },
                       respond);
  }
  write(prov, call, respond, [id](const DirectoryData &now, const OpContext &, const Poco::JSON::Object &in) {
    return op_patch_profile(now, id, in);
  });
}

void get_licences(Provisioning &prov, const AdminCall &, const AdminRespond &respond) {
  const LicenceUsage used = licence_usage(prov.data().devices);
  const LicenceCounts &total = prov.context().licences;
  auto one = [](uint32_t available, uint32_t in_use) {
    Obj o = object();
    o->set("available", available);
    o->set("in_use", in_use);
    o->set("free", available > in_use ? available - in_use : 0u);
    return o;
  };
  Obj o = object();
  o->set("ip_users", one(total.ip_users, used.ip_users));
  o->set("single_line_users", one(total.single_line_users, used.single_line_users));
  respond(200, json_text(o));
}

void get_device_types(Provisioning &, const AdminCall &, const AdminRespond &respond) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const DeviceType &t : device_types()) {
    Obj o = object();
    o->set("name", std::string(t.name));
    o->set("label", std::string(t.label));
    o->set("builtin_profile", t.builtin_profile);
    list->add(o);
  }
  Obj o = object();
  o->set("device_types", list);
  respond(200, json_text(o));
}

void get_export(Provisioning &prov, const AdminCall &, const AdminRespond &respond) {
  const DirectoryData &data = prov.data();
  Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
  for (const Device &d : data.devices) devices->add(device_record_json(d, false));
  Poco::JSON::Array::Ptr profiles = new Poco::JSON::Array;
  for (const CapabilityProfile &p : data.profiles) {
    if (p == default_user_profile(p.id)) continue;
    Obj j = profile_json(p);
    j->remove("builtin");
    profiles->add(j);
  }
  Obj o = object();
  o->set("devices", devices);
  o->set("profiles", profiles);
  o->set("options", options_json(data.options));
  respond(200, json_text(o));
}

void get_options_route(Provisioning &prov, const AdminCall &, const AdminRespond &respond) {
  respond(200, json_text(options_json(prov.data().options)));
}

}  // namespace

void add_provisioning_routes(KernelRoutes &routes, Provisioning &prov) {
  Provisioning *p = &prov;
  auto bind = [p](void (*fn)(Provisioning &, const AdminCall &, const AdminRespond &)) {
    return [p, fn](const AdminCall &call, AdminRespond respond) { fn(*p, call, respond); };
  };
  routes.add("GET", "/api/v1/devices", bind(get_devices));
  routes.add("POST", "/api/v1/devices", bind(post_devices));
  routes.add("PATCH", "/api/v1/devices", bind(patch_devices));
  routes.add("DELETE", "/api/v1/devices", bind(delete_devices));
  routes.add("GET", "/api/v1/dns", bind(get_dns));
  routes.add("GET", "/api/v1/profiles", bind(get_profiles));
  routes.add("PATCH", "/api/v1/profiles", [p](const AdminCall &c, AdminRespond r) { write_profile(*p, c, r, false); });
  routes.add("DELETE", "/api/v1/profiles", [p](const AdminCall &c, AdminRespond r) { write_profile(*p, c, r, true); });
  routes.add("GET", "/api/v1/device-types", bind(get_device_types));
  routes.add("GET", "/api/v1/licences", bind(get_licences));
  routes.add("GET", "/api/v1/options", bind(get_options_route));
  routes.add("PATCH", "/api/v1/options", [p](const AdminCall &c, AdminRespond r) {
    write(*p, c, r, [](const DirectoryData &now, const OpContext &, const Poco::JSON::Object &in) {
      return op_patch_options(now, in);
    });
  });
  routes.add("POST", "/api/v1/import", [p](const AdminCall &c, AdminRespond r) { write(*p, c, r, op_import); });
  routes.add("GET", "/api/v1/export", bind(get_export));
}

}  // namespace lineside::kernel
