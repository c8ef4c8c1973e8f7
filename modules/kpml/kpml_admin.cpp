// kpml/kpml_admin.cpp: the admin API of digit collection: POST /api/v1/kpml/collections starts one
// (the application-facing face of lineside.kpml/1), GET lists them or shows one with its digits,
// DELETE cancels one.
#include <cstdlib>
#include <cstring>

#include "json_fields.hpp"
#include "kpml_module.hpp"

namespace lineside::kpml {
namespace {

const char *state_name(CollectionState s) {
  switch (s) {
    case CollectionState::subscribing:
      return "subscribing";
    case CollectionState::active:
      return "active";
    default:
      return "finished";
  }
}

std::string error_json(const std::string &why) {
  return "{\"error\":" + json_string(why) + "}";
}

}  // namespace

std::string collection_json(const Collection &c) {
  std::string out = "{\"id\":" + std::to_string(c.id) + ",\"device\":" + json_string(c.device_id) +
                    ",\"pattern\":" + json_string(c.pattern) + ",\"state\":\"" +
                    state_name(c.state) + "\",\"contact\":" + json_string(c.contact_uri) +
                    ",\"started_unix_ms\":" + std::to_string(c.started_unix_ms);
  if (c.state == CollectionState::finished) {
    out += ",\"code\":" + std::to_string(c.code) + ",\"digits\":" + json_string(c.digits) +
           ",\"text\":" + json_string(c.text) +
           ",\"finished_unix_ms\":" + std::to_string(c.finished_unix_ms);
  }
  return out + "}";
}

void KpmlModule::reply(ls_admin_reply_t *reply, uint32_t status, const std::string &body) const {
  host().raw()->admin_reply(reply, status, nullptr, body.c_str(), body.size());
}

uint64_t KpmlModule::id_in_path(const char *path) {
  const size_t prefix = std::strlen(kAdminPrefix);
  if (!path || std::strncmp(path, kAdminPrefix, prefix) != 0 || path[prefix] != '/') return 0;
  const char *digits = path + prefix + 1;
  if (!*digits || std::strspn(digits, "0123456789") != std::strlen(digits) ||
      std::strlen(digits) > 19) {
    return 0;
  }
  return std::strtoull(digits, nullptr, 10);
}

void KpmlModule::admin_post(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  if (std::strcmp(req->path, kAdminPrefix) != 0)
    return reply(out, 404, error_json("no such route"));
  std::string error;
  const auto body = parse_flat_object(std::string_view(req->body, req->body_len), error);
  if (!body) return reply(out, 400, error_json(error));
  auto string_member = [&](const char *key) -> std::optional<std::string> {
    auto it = body->find(key);
    if (it == body->end() || it->second.kind == JsonScalar::Kind::null) return std::string();
    if (it->second.kind != JsonScalar::Kind::string) return std::nullopt;
    return it->second.text;
  };
  for (const auto &[key, value] : *body) {
    static const char *known[] = {"device",  "dn",        "pattern",   "timeout_ms",
                                  "call_id", "local_tag", "remote_tag"};
    bool ok = false;
    for (const char *k : known) ok = ok || key == k;
    if (!ok) return reply(out, 400, error_json("unknown member '" + key + "'"));
  }
  CollectRequest r;
  const auto device = string_member("device");
  const auto dn = string_member("dn");
  const auto pattern = string_member("pattern");
  const auto call_id = string_member("call_id");
  const auto local_tag = string_member("local_tag");
  const auto remote_tag = string_member("remote_tag");
  if (!device || !dn || !pattern || !call_id || !local_tag || !remote_tag) {
    return reply(out, 400,
                 error_json("device, dn, pattern, call_id, local_tag and remote_tag are strings"));
  }
  if (device->empty() == dn->empty())
    return reply(out, 400, error_json("give exactly one of device and dn"));
  if (auto it = body->find("timeout_ms"); it != body->end()) {
    char *end = nullptr;
    const long long ms = std::strtoll(it->second.text.c_str(), &end, 10);
    if (it->second.kind != JsonScalar::Kind::number || *end || ms < 1000 ||
        ms > settings_.max_timeout_ms) {
      return reply(out, 400,
                   error_json("timeout_ms must be a whole number from 1000 to " +
                              std::to_string(settings_.max_timeout_ms)));
    }
    r.timeout_ms = ms;
  }
  r.device_id = *device;
  if (!dn->empty()) {
    ls_device_info_t info{};
    info.size = sizeof info;
    if (directory_->device_by_line_dn(directory_self_, dn->c_str(), &info) != 0 ||
        !info.device_id) {
      return reply(out, 404, error_json("no device has DN " + *dn));
    }
    r.device_id = info.device_id;
  }
  r.pattern = *pattern;
  r.dialog_call_id = *call_id;
  r.dialog_local_tag = *local_tag;
  r.dialog_remote_tag = *remote_tag;
  const StartResult started = collector_->start(r, CollectionListener{});
  if (!started.id) return reply(out, started.status, error_json(started.error));
  reply(out, 201, collection_json(*collector_->find(started.id)));
}

void KpmlModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  if (std::strcmp(req->path, kAdminPrefix) == 0) {
    std::string body =
        "{\"running\":" + std::to_string(collector_->running()) + ",\"collections\":[";
    bool first = true;
    for (const Collection *c : collector_->all()) {
      body += (first ? "" : ",") + collection_json(*c);
      first = false;
    }
    return reply(out, 200, body + "]}");
  }
  const uint64_t id = id_in_path(req->path);
  const Collection *c = id ? collector_->find(id) : nullptr;
  if (!c) return reply(out, 404, error_json("no such collection"));
  reply(out, 200, collection_json(*c));
}

void KpmlModule::admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *out) {
  const uint64_t id = id_in_path(req->path);
  const Collection *c = id ? collector_->find(id) : nullptr;
  if (!c) return reply(out, 404, error_json("no such collection"));
  if (!collector_->cancel(id))
    return reply(out, 409, error_json("the collection has already finished"));
  const Collection *after = collector_->find(id);  // gone at once when keep_finished is 0
  reply(out, 200,
        after ? collection_json(*after)
              : "{\"id\":" + std::to_string(id) + ",\"state\":\"finished\",\"code\":487}");
}

}  // namespace lineside::kpml
