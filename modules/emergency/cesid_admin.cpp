// emergency/cesid_admin.cpp: the CESID admin API: GET /api/v1/cesid[/DN], PUT and DELETE
// /api/v1/cesid/DN, POST /api/v1/cesid/import[?replace=true] (CSV or JSON, all or nothing).
#include <memory>
#include <set>

#include "admin_text.hpp"
#include "cesid_import.hpp"
#include "cesid_rules.hpp"
#include "emergency_module.hpp"
#include "json_value.hpp"
#include "store_calls.hpp"

namespace lineside::emergency {
namespace {

using admin_text::FieldError;
using admin_text::refusal_json;

std::string body_of(const ls_admin_request_t *req) {
  return std::string(req->body ? req->body : "", req->body ? req->body_len : 0);
}

std::string move_json(const RegistrationMove &m) {
  return "{\"device_id\":" + json::quote(m.device_id) + ",\"user\":" + json::quote(m.user) +
         ",\"from\":" + json::quote(m.from_addr) + ",\"to\":" + json::quote(m.to_addr) +
         ",\"time\":" + json::quote(iso_time(m.at_unix * 1000)) + "}";
}

bool truthy(const std::optional<std::string> &v) {
  return v && (*v == "1" || *v == "true" || *v == "yes");
}

}  // namespace

std::string EmergencyModule::entry_json(const std::string &dn, const CesidEntry &entry) const {
  ls_device_info_t device{};
  const bool known = find_device(dn, "", device);
  return "{\"dn\":" + json::quote(dn) + ",\"cesid\":" + json::quote(entry.cesid) +
         ",\"privacy\":" + (entry.privacy ? "true" : "false") +
         ",\"device_id\":" + json::quote(known && device.device_id ? device.device_id : "") +
         ",\"name\":" + json::quote(known && device.display_name ? device.display_name : "") + "}";
}

void EmergencyModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto dn = admin_text::resource_name(req->path ? req->path : "", kCesidPrefix);
  if (!dn) return reply(out, 404, refusal_json("no such resource"));
  if (!dn->empty()) {
    const CesidEntry *e = table_.find(*dn);
    if (!e) {
      const std::string fallback = default_cesid();
      return reply(out, 404,
                   refusal_json("no CESID entry for DN " + *dn + " (its emergency calls use " +
                                (fallback.empty() ? std::string("no CESID")
                                                  : "the default CESID " + fallback) +
                                " unless its device has one)"));
    }
    return reply(out, 200, entry_json(*dn, *e));
  }
  std::string body = "{\"default_cesid\":" + json::quote(default_cesid()) + ",\"entries\":[";
  bool first = true;
  for (const auto &[number, entry] : table_.entries()) {
    body += (first ? "" : ",") + entry_json(number, entry);
    first = false;
  }
  body += "],\"count\":" + std::to_string(table_.size()) + ",\"moves\":[";
  first = true;
  for (const RegistrationMove &m : moves_.moves()) {
    body += (first ? "" : ",") + move_json(m);
    first = false;
  }
  reply(out, 200, body + "],\"moves_total\":" + std::to_string(moves_.total_moves()) + "}");
}

void EmergencyModule::admin_put(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto dn = admin_text::resource_name(req->path ? req->path : "", kCesidPrefix);
  if (!dn) return reply(out, 404, refusal_json("no such resource"));
  if (dn->empty()) return reply(out, 405, refusal_json("PUT one entry: /api/v1/cesid/DN"));
  std::vector<FieldError> errors;
  if (auto p = dn_problem(*dn, "dn")) errors.push_back(*p);
  const auto parsed = json::parse(body_of(req));
  if (!parsed.value) return reply(out, 400, refusal_json("malformed JSON: " + parsed.error));
  if (!parsed.value->is_object())
    return reply(out, 400, refusal_json("expected a JSON object {\"cesid\": \"...\"}"));
  CesidEntry entry;
  const json::Value *cesid = parsed.value->find("cesid");
  if (cesid && !cesid->is_string()) {
    errors.push_back(
        {"cesid", "type",
         std::string("expected a string of 7 to 12 digits, got ") + json::kind_name(cesid->kind)});
  } else if (auto p = cesid_problem(cesid ? cesid->text : "", "cesid")) {
    errors.push_back(*p);
  } else {
    entry.cesid = cesid->text;
  }
  if (const json::Value *privacy = parsed.value->find("privacy"); privacy && !privacy->is_null()) {
    if (!privacy->is_bool()) {
      errors.push_back({"privacy", "type", "expected true or false"});
    } else {
      entry.privacy = privacy->boolean;
    }
  }
  if (const json::Value *body_dn = parsed.value->find("dn");
      body_dn && body_dn->is_string() && body_dn->text != *dn)
    errors.push_back({"dn", "mismatch", "the body names DN " + body_dn->text + ", the URL " + *dn});
  for (const auto &[key, value] : parsed.value->members) {
    if (key != "cesid" && key != "privacy" && key != "dn" && key != "name" && key != "device_id")
      errors.push_back({key, "unknown", "unknown field"});
  }
  if (!errors.empty())
    return reply(out, 400, refusal_json("CESID entry for DN " + *dn + " refused", errors));

  const std::optional<CesidEntry> previous =
      table_.find(*dn) ? std::optional<CesidEntry>(*table_.find(*dn)) : std::nullopt;
  table_.put(*dn, entry);
  const std::string number = *dn;
  const bool queued = routes::store_put_then(
      host(), kCesidStoreTable, number, encode_entry(entry), [this, number, previous](bool ok) {
        if (ok) return;
        if (previous) {
          table_.put(number, *previous);
        } else {
          table_.remove(number);
        }
        publish_table_gauge();
        host().error("CESID entry of DN " + number +
                     " not saved: store write failed; change undone");
      });
  if (!queued) {
    if (previous) {
      table_.put(number, *previous);
    } else {
      table_.remove(number);
    }
    return reply(out, 500, refusal_json("store unavailable"));
  }
  publish_table_gauge();
  host().notice("CESID of DN " + number + " set to " + entry.cesid +
                (entry.privacy ? " (privacy)" : ""));
  reply(out, previous ? 200 : 201, entry_json(number, entry));
}

void EmergencyModule::admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto dn = admin_text::resource_name(req->path ? req->path : "", kCesidPrefix);
  if (!dn) return reply(out, 404, refusal_json("no such resource"));
  if (dn->empty()) return reply(out, 405, refusal_json("DELETE one entry: /api/v1/cesid/DN"));
  const CesidEntry *found = table_.find(*dn);
  if (!found) return reply(out, 404, refusal_json("no CESID entry for DN " + *dn));
  const CesidEntry previous = *found;
  const std::string number = *dn;
  table_.remove(number);
  const bool queued = routes::store_delete_then(
      host(), kCesidStoreTable, number, [this, number, previous](bool ok) {
        if (ok) return;
        table_.put(number, previous);
        publish_table_gauge();
        host().error("removal of the CESID entry of DN " + number +
                     " not saved: store write failed; undone");
      });
  if (!queued) {
    table_.put(number, previous);
    return reply(out, 500, refusal_json("store unavailable"));
  }
  publish_table_gauge();
  host().notice("CESID entry of DN " + number + " removed");
  reply(out, 200, "{\"deleted\":" + json::quote(number) + "}");
}

void EmergencyModule::admin_post(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const auto name = admin_text::resource_name(req->path ? req->path : "", kCesidPrefix);
  if (!name || *name != "import") return reply(out, 404, refusal_json("no such resource"));
  const bool replace = truthy(admin_text::query_parameter(req->query ? req->query : "", "replace"));
  const CesidImport import = read_cesid_import(body_of(req));
  if (!import.errors.empty())
    return reply(out, 400,
                 refusal_json("CESID import refused (" + import.format + "): nothing changed",
                              import.errors));
  std::set<std::string> listed;
  auto failures = std::make_shared<size_t>(0);
  const auto done = [this, failures](bool ok) {
    if (!ok && ++*failures == 1)
      host().error(
          "CESID import: a store write failed; the stored table may differ from the one in "
          "force until the next import");
  };
  size_t changed = 0;
  for (const auto &[dn, entry] : import.entries) {
    listed.insert(dn);
    const CesidEntry *now = table_.find(dn);
    if (now && *now == entry) continue;
    table_.put(dn, entry);
    routes::store_put_then(host(), kCesidStoreTable, dn, encode_entry(entry), done);
    ++changed;
  }
  size_t removed = 0;
  if (replace) {
    std::vector<std::string> gone;
    for (const auto &[dn, entry] : table_.entries())
      if (!listed.count(dn)) gone.push_back(dn);
    for (const std::string &dn : gone) {
      table_.remove(dn);
      routes::store_delete_then(host(), kCesidStoreTable, dn, done);
      ++removed;
    }
  }
  publish_table_gauge();
  host().notice("CESID import (" + import.format + "): " + std::to_string(import.entries.size()) +
                " listed, " + std::to_string(changed) + " changed, " + std::to_string(removed) +
                " removed");
  reply(out, 200,
        "{\"listed\":" + std::to_string(import.entries.size()) +
            ",\"changed\":" + std::to_string(changed) + ",\"removed\":" + std::to_string(removed) +
            ",\"count\":" + std::to_string(table_.size()) + "}");
}

}  // namespace lineside::emergency
