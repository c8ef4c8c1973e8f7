// routes/route_json.cpp: RouteSpec <-> JSON.
#include "route_json.hpp"

#include <functional>
#include <set>

namespace lineside::routes {
namespace {

using admin_text::FieldError;
using json::Value;

std::string strings_json(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json::quote(items[i]);
  return out + "]";
}

/// Reads typed members of one JSON object, recording type errors under `prefix`.
class Reader {
 public:
  Reader(const Value &obj, std::string prefix, std::vector<FieldError> &errors)
      : obj_(obj), prefix_(std::move(prefix)), errors_(errors) {}

  void text(const char *key, std::string &out) {
    const Value *v = take(key);
    if (!v) return;
    if (!v->is_string()) return wrong(key, "a string", *v);
    out = v->text;
  }
  void number(const char *key, uint32_t &out) {
    const Value *v = take(key);
    if (!v) return;
    const auto n = v->integer();
    if (!n) return wrong(key, "an integer", *v);
    if (*n < 0 || *n > 1000000) {
      errors_.push_back({prefix_ + key, "range", "out of range"});
      return;
    }
    out = static_cast<uint32_t>(*n);
  }
  void flag(const char *key, bool &out) {
    const Value *v = take(key);
    if (!v) return;
    if (!v->is_bool()) return wrong(key, "true or false", *v);
    out = v->boolean;
  }
  void strings(const char *key, std::vector<std::string> &out) {
    const Value *v = take(key);
    if (!v) return;
    if (v->is_string()) {
      out = {v->text};
      return;
    }
    if (!v->is_array()) return wrong(key, "a list of strings", *v);
    out.clear();
    for (size_t i = 0; i < v->items.size(); ++i) {
      if (!v->items[i].is_string()) {
        errors_.push_back(
            {prefix_ + key + "[" + std::to_string(i) + "]", "type", "expected a string"});
        continue;
      }
      out.push_back(v->items[i].text);
    }
  }
  const Value *take(const char *key) {
    seen_.insert(key);
    const Value *v = obj_.find(key);
    return v && !v->is_null() ? v : nullptr;
  }
  /// Every member not read is an error (a misspelt key must not pass silently).
  void no_others() {
    for (const auto &[name, value] : obj_.members) {
      if (!seen_.count(name)) errors_.push_back({prefix_ + name, "unknown", "unknown field"});
    }
  }
  void wrong(const char *key, const char *expected, const Value &v) {
    errors_.push_back({prefix_ + key, "type",
                       std::string("expected ") + expected + ", got " + json::kind_name(v.kind)});
  }

 private:
  const Value &obj_;
  std::string prefix_;
  std::vector<FieldError> &errors_;
  std::set<std::string> seen_;
};

void read_enum(Reader &r, const char *key, std::vector<FieldError> &errors, const char *choices,
               const std::function<bool(const std::string &)> &apply) {
  std::string text;
  r.text(key, text);
  if (!text.empty() && !apply(text)) {
    errors.push_back(
        {key, "enum", std::string("expected one of ") + choices + ", got '" + text + "'"});
  }
}

}  // namespace

std::string spec_json(const RouteSpec &s) {
  std::string out =
      "{\"name\":" + json::quote(s.name) + ",\"patterns\":" + strings_json(s.patterns) +
      ",\"strip\":" + std::to_string(s.strip) + ",\"prepend\":" + json::quote(s.prepend) +
      ",\"type\":" + json::quote(route_type_name(s.type)) +
      ",\"caller_id\":" + json::quote(caller_id_name(s.caller_id)) +
      ",\"external_number\":" + json::quote(s.external_number) +
      ",\"did_prefix\":" + json::quote(s.did_prefix) +
      ",\"caller_name\":" + json::quote(s.caller_name) +
      ",\"send_pai\":" + (s.send_pai ? "true" : "false") +
      ",\"trunk_number\":" + std::to_string(s.trunk_number) +
      ",\"trunk_name\":" + json::quote(s.trunk_name) + ",\"gateways\":[";
  for (size_t i = 0; i < s.gateways.size(); ++i) {
    const GatewaySpec &g = s.gateways[i];
    out += std::string(i ? "," : "") + "{\"uri\":" + json::quote(g.uri) +
           ",\"trunk_number\":" + std::to_string(g.trunk_number) +
           ",\"trunk_name\":" + json::quote(g.trunk_name) + "}";
  }
  return out + "]}";
}

std::string route_json(const Route &route) {
  std::string out = spec_json(route.spec);
  out.pop_back();
  return out + ",\"source\":" + (route.from_api ? "\"api\"" : "\"config\"") + "}";
}

std::optional<RouteSpec> spec_from_json(const Value &body, const std::string &name,
                                        std::vector<FieldError> &errors) {
  const size_t before = errors.size();
  if (!body.is_object()) {
    errors.push_back(
        {"", "type", std::string("expected a JSON object, got ") + json::kind_name(body.kind)});
    return std::nullopt;
  }
  RouteSpec s;
  Reader r(body, "", errors);
  s.name = name;
  std::string body_name;
  r.text("name", body_name);
  if (!body_name.empty() && !name.empty() && body_name != name) {
    errors.push_back(
        {"name", "mismatch", "the body names '" + body_name + "', the URL '" + name + "'"});
  }
  if (s.name.empty()) s.name = body_name;
  r.strings("patterns", s.patterns);
  r.number("strip", s.strip);
  r.text("prepend", s.prepend);
  read_enum(r, "type", errors, "normal, emergency", [&](const std::string &t) {
    auto v = route_type_from(t);
    if (v) s.type = *v;
    return v.has_value();
  });
  read_enum(r, "caller_id", errors, "dn, external, did", [&](const std::string &t) {
    auto v = caller_id_from(t);
    if (v) s.caller_id = *v;
    return v.has_value();
  });
  r.text("external_number", s.external_number);
  r.text("did_prefix", s.did_prefix);
  r.text("caller_name", s.caller_name);
  r.flag("send_pai", s.send_pai);
  r.number("trunk_number", s.trunk_number);
  r.text("trunk_name", s.trunk_name);
  r.take("source");  // as GET shows it; ignored
  if (const Value *gws = r.take("gateways")) {
    if (!gws->is_array()) {
      r.wrong("gateways", "a list of gateways", *gws);
    } else {
      for (size_t i = 0; i < gws->items.size(); ++i) {
        const Value &g = gws->items[i];
        const std::string at = "gateways[" + std::to_string(i) + "]";
        GatewaySpec gs;
        if (g.is_string()) {
          gs.uri = g.text;
        } else if (g.is_object()) {
          Reader gr(g, at + ".", errors);
          gr.text("uri", gs.uri);
          gr.number("trunk_number", gs.trunk_number);
          gr.text("trunk_name", gs.trunk_name);
          gr.no_others();
        } else {
          errors.push_back(
              {at, "type", "expected a URI string or {uri, trunk_number, trunk_name}"});
        }
        s.gateways.push_back(std::move(gs));
      }
    }
  }
  r.no_others();
  if (errors.size() != before) return std::nullopt;
  return s;
}

}  // namespace lineside::routes
