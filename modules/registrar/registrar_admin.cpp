// registrar/registrar_admin.cpp: the registrar's admin routes: GET and DELETE
// /api/v1/registrations[/<user>].
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "admin_json.hpp"
#include "registrar_module.hpp"

namespace lineside::registrar {
namespace {

void reply_json(const Host &host, ls_admin_reply_t *reply, uint32_t status, const std::string &body) {
  host.raw()->admin_reply(reply, status, nullptr, body.data(), body.size());
}

void reply_error(const Host &host, ls_admin_reply_t *reply, uint32_t status, const std::string &message) {
  reply_json(host, reply, status, "{\"error\":" + json_string(message) + "}");
}

/// What follows the route prefix: nothing (the collection), "/<user>", or something else.
struct AdminTarget {
  bool valid = false;
  std::optional<std::string> user;  ///< set for "/<user>"
};

AdminTarget parse_target(const char *path) {
  std::string_view rest = path ? std::string_view(path) : std::string_view();
  const std::string_view prefix = kAdminPrefix;
  AdminTarget target;
  if (rest.substr(0, prefix.size()) != prefix) return target;
  rest.remove_prefix(prefix.size());
  if (rest.empty() || rest == "/") {
    target.valid = true;
    return target;
  }
  if (rest.front() != '/' || rest.find('/', 1) != std::string_view::npos) return target;
  auto user = percent_decode(rest.substr(1), false);
  if (!user || user->empty()) return target;
  target.valid = true;
  target.user = std::move(*user);
  return target;
}

}  // namespace

void RegistrarModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  AdminTarget target = parse_target(req->path);
  if (!target.valid) return reply_error(host(), reply, 404, "no such resource");
  if (!target.user && req->query) {
    auto user = query_parameter(req->query, "user");
    if (user && !user->empty()) target.user = std::move(user);
  }
  const int64_t now = host().now_unix();
  std::vector<Binding> listed;
  auto keep_live = [&](const Binding &b) {
    if (b.expires_at > now) listed.push_back(b);
    return true;
  };
  if (target.user) {
    for (const Binding &b : table_.of_user(*target.user)) keep_live(b);
  } else {
    table_.for_each(keep_live);
  }
  reply_json(host(), reply, 200, registrations_json(listed, now));
}

void RegistrarModule::admin_delete(const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  const AdminTarget target = parse_target(req->path);
  if (!target.valid) return reply_error(host(), reply, 404, "no such resource");
  if (!target.user) return reply_error(host(), reply, 400, "name the user: DELETE " +
                                                         std::string(kAdminPrefix) + "/<user>");
  const std::string &user = *target.user;
  auto changes = std::make_shared<std::vector<BindingChange>>();
  for (const Binding &b : table_.of_user(user))
    changes->push_back(BindingChange{b.store_key(), b, std::nullopt});
  if (changes->empty()) return reply_error(host(), reply, 404, "no registrations for user " + user);

  apply_changes(*changes);
  auto failed = std::make_shared<bool>(false);
  const bool completes_later = writer_.write(*changes, [this, changes, failed, user](bool ok) {
    if (ok) {
      emit_committed(*changes);
      host().notice("admin removed " + std::to_string(changes->size()) + " binding(s) of " + user);
    } else {
      roll_back(*changes);
      *failed = true;
      host().error("admin removal of " + user + "'s bindings not saved: store write failed; rolled back");
    }
    publish_gauge();
  });
  if (!completes_later && *failed) return reply_error(host(), reply, 500, "store write failed");
  reply_json(host(), reply, 200, "{\"removed\":" + std::to_string(changes->size()) + "}");
}

}  // namespace lineside::registrar
