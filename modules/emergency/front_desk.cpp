// emergency/front_desk.cpp: finding the front desk's phones and sending them the MESSAGE.
#include "front_desk.hpp"

#include <vector>

#include "lineside/providers/location.h"

namespace lineside::emergency {
namespace {

struct Collect {
  std::vector<std::pair<std::string, std::pair<uint32_t, ls_flow_id_t>>> *out;
};

int collect(void *arg, const ls_binding_t *b) {
  auto *c = static_cast<Collect *>(arg);
  // The server never opens a connection to a phone: TCP/TLS bindings need their own flow.
  if (!b->contact_uri || b->awaiting_reconnect) return 0;
  if (b->transport != LS_TRANSPORT_UDP && b->flow == 0) return 0;
  c->out->push_back({b->contact_uri, {b->transport, b->flow}});
  return 0;
}

void message_done(void *arg, const ls_request_outcome_t *outcome) {
  const auto *p = static_cast<const FrontDesk::Pending *>(arg);
  p->owner->finished(p->id, outcome);
}

}  // namespace

size_t FrontDesk::notify(const std::string &dn, const std::string &text,
                         const ls_directory_v1_t *directory, void *directory_self) {
  const ls_host_t *raw = host_.raw();
  if (!LS_HAS_FIELD(raw, ls_host_t, request_send) || !raw->request_send) {
    host_.error("front desk " + dn +
                " not notified: this lineside cannot send requests (request_send)");
    return 0;
  }
  ls_device_info_t info{};
  info.size = sizeof info;
  const bool by_line =
      LS_HAS_FIELD(directory, ls_directory_v1_t, device_by_line_dn) && directory->device_by_line_dn;
  const int found = by_line ? directory->device_by_line_dn(directory_self, dn.c_str(), &info)
                            : directory->device_by_dn(directory_self, dn.c_str(), &info);
  if (found != 0 || !info.user) {
    host_.error("front desk " + dn + " not notified: no device has that DN");
    return 0;
  }
  void *loc_self = nullptr;
  const auto *location =
      host_.provider<ls_location_v1_t>(LS_LOCATION_PROVIDER, LS_LOCATION_VERSION, &loc_self);
  if (!location) {
    host_.error("front desk " + dn +
                " not notified: no location service (is the registrar enabled?)");
    return 0;
  }
  std::vector<std::pair<std::string, std::pair<uint32_t, ls_flow_id_t>>> bindings;
  Collect c{&bindings};
  location->lookup(loc_self, info.user, &collect, &c);
  size_t sent = 0;
  for (const auto &[contact, how] : bindings) {
    if (send_one(dn, Target{contact, how.first, how.second}, text)) ++sent;
  }
  if (sent == 0)
    host_.error("front desk " + dn + " not notified: no phone of it is registered and reachable");
  return sent;
}

bool FrontDesk::send_one(const std::string &dn, const Target &target, const std::string &text) {
  const std::string domain = host_.sip_domain();
  const uint64_t id = next_id_++;
  const std::string from = "\"Emergency Alert\" <sip:emergency@" + domain + ">;tag=em" +
                           std::to_string(host_.now_mono_ms()) + "x" + std::to_string(id);
  const std::string to = "<sip:" + dn + "@" + domain + ">";
  ls_outgoing_request_t req{};
  req.size = sizeof req;
  req.transport = target.transport;
  req.method = "MESSAGE";
  req.request_uri = target.contact.c_str();
  req.from = from.c_str();
  req.to = to.c_str();
  req.headers = "Priority: emergency\r\n";
  req.content_type = "text/plain;charset=UTF-8";
  req.body = text.data();
  req.body_len = text.size();
  req.flow = target.transport == LS_TRANSPORT_UDP ? 0 : target.flow;
  auto pending = std::make_unique<Pending>(Pending{this, id, target.contact});
  Pending *arg = pending.get();
  pending_[id] = std::move(pending);
  if (host_.raw()->request_send(host_.ctx(), &req, &message_done, arg) != 0) {
    pending_.erase(id);
    host_.error("front desk " + dn + ": MESSAGE to " + target.contact + " refused by the host");
    return false;
  }
  host_.metric_add("front_desk_messages");
  return true;
}

void FrontDesk::finished(uint64_t id, const ls_request_outcome_t *outcome) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const std::string contact = it->second->contact;
  pending_.erase(it);
  const uint32_t status = outcome ? outcome->status : 0;
  if (status >= 200 && status < 300) {
    host_.notice("front desk phone " + contact + " received the emergency MESSAGE (" +
                 std::to_string(status) + ")");
  } else {
    host_.error("front desk phone " + contact + " did not accept the emergency MESSAGE (status " +
                std::to_string(status) + ")");
    host_.metric_add("front_desk_failures");
  }
}

}  // namespace lineside::emergency
