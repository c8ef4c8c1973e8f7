// transfer/transfer_module.cpp: REFER handling: the decision, the host's transfer and its outcome.
#include "transfer_module.hpp"

#include <stdexcept>

#include "uri_text.hpp"

namespace lineside::transfer {
namespace {

constexpr uint32_t kMaxReferTo = 4;  // enough to see that there is more than one

uint32_t other_side(uint32_t side) {
  return side == LS_LEG_CALLER ? LS_LEG_CALLEE : LS_LEG_CALLER;
}

std::optional<std::string> header_text(Request &req, const char *name) {
  const char *v = req.header(name);
  return v ? std::optional<std::string>(v) : std::nullopt;
}

LocalHosts hosts_from(const Host &host, const TransferSettings &s) {
  return LocalHosts{lower(host.sip_domain()), s.local_domains};
}

void admin_trampoline(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<TransferModule *>(arg)->admin_list(req, reply);
}

}  // namespace

TransferModule::TransferModule(Host host) : ModuleBase(host), log_(50) {
  std::optional<TransferSettings> s = read_transfer_settings(host, host.config());
  if (!s) throw std::runtime_error("invalid transfer configuration");
  settings_ = std::move(*s);
  hosts_ = hosts_from(host, settings_);
  log_.set_keep_recent(settings_.recent_transfers);
  if (host.raw()->admin_route(host.ctx(), "GET", kAdminPath, &admin_trampoline, this) != 0) {
    throw std::runtime_error(std::string("admin route ") + kAdminPath + " is taken");
  }
  if (!host_can_transfer()) {
    host.warning(
        "this host cannot execute transfers (no call_transfer/call_find_dialog): "
        "REFERs will be refused 503");
  }
}

std::string TransferModule::check_reconfigure(const Config &config) {
  return read_transfer_settings(host(), config) ? "" : "invalid transfer configuration";
}

void TransferModule::apply_reconfigure(const Config &config) {
  if (std::optional<TransferSettings> s = read_transfer_settings(host(), config)) {
    settings_ = std::move(*s);
    hosts_ = hosts_from(host(), settings_);
    log_.set_keep_recent(settings_.recent_transfers);
  }
}

bool TransferModule::host_can_transfer() const {
  const ls_host_t *raw = host().raw();
  return LS_HAS_FIELD(raw, ls_host_t, call_find_dialog) && raw->call_transfer != nullptr &&
         raw->call_find_dialog != nullptr;
}

ReferFacts TransferModule::read_facts(Request &req) const {
  ReferFacts f;
  for (uint32_t i = 0; i < kMaxReferTo; ++i) {
    const char *v = req.header("Refer-To", i);
    if (!v) break;
    f.refer_to.emplace_back(v);
  }
  f.referred_by = header_text(req, "Referred-By");
  f.refer_sub = header_text(req, "Refer-Sub");
  f.from_user = std::string(req.field(LS_FIELD_FROM_USER));
  f.from_display = std::string(req.field(LS_FIELD_FROM_DISPLAY));
  f.request_uri_host = std::string(req.field(LS_FIELD_REQUEST_URI_HOST));
  return f;
}

uint32_t TransferModule::refuse(Request &req, uint32_t status, const std::string &reason,
                                const char *metric) {
  host().metric_add(metric);
  host().info("REFER from " + log_excerpt(req.field(LS_FIELD_FROM_USER)) +
              " refused: " + std::to_string(status) + " " + reason);
  req.respond(status, reason.c_str());
  return LS_VERDICT_STOP;
}

uint32_t TransferModule::on_refer_outside(Request &req) {
  if (req.has_field(LS_FIELD_TO_TAG)) return LS_VERDICT_CONTINUE;  // a dialog we do not know: 481
  return refuse(req, 403, "REFER Outside A Dialog Not Supported", "refused_outside_dialog");
}

uint32_t TransferModule::resolve_replaces(const ReferPlan &plan, const ls_in_dialog_args_t &args,
                                          TransferRecord &record, std::string &reason) const {
  const ReplacesTarget &r = plan.replaces;
  uint64_t other_call = 0;
  uint32_t side = 0;
  // The phone's view: to-tag is our tag in that dialog (local), from-tag the phone's (remote).
  if (host().raw()->call_find_dialog(host().ctx(), r.call_id.c_str(), r.to_tag.c_str(),
                                     r.from_tag.c_str(), &other_call, &side) != 0) {
    reason = "Replaced Dialog Not Found";
    return 403;
  }
  if (other_call == args.call_id) {
    reason = "Replaces Names This Call";
    return 403;
  }
  if (log_.busy(other_call)) {
    reason = "Transfer In Progress";
    return 491;
  }
  if (settings_.same_phone_replaces) {
    const std::string referrer = parties_.party(args.call_id, args.from_side);
    const std::string owner = parties_.party(other_call, side);
    if (!referrer.empty() && !owner.empty() && referrer != owner) {
      reason = "Replaces A Dialog Of Another Phone";
      return 403;
    }
  }
  record.with_call_id = other_call;
  record.with_side = side;
  record.joining_device = parties_.party(other_call, other_side(side));
  return 0;
}

uint32_t TransferModule::on_refer_in_dialog(Request &req, const ls_in_dialog_args_t &args) {
  host().metric_add("refers");
  const ReferFacts facts = read_facts(req);
  const ReferPlan plan = plan_refer(facts, hosts_);
  if (plan.kind == ReferPlan::Kind::refuse) return refuse(req, plan.status, plan.reason, "refused");
  if (!host_can_transfer()) return refuse(req, 503, "Transfer Unavailable", "refused");
  if (log_.busy(args.call_id)) return refuse(req, 491, "Transfer In Progress", "refused_busy");

  TransferRecord record;
  record.call_id = args.call_id;
  record.leaving_side = args.from_side;
  record.attended = plan.kind == ReferPlan::Kind::attended;
  record.target_dn = plan.target_dn;
  record.referrer = facts.from_user;
  record.started_unix_ms = host().now_unix() * 1000;
  if (record.attended) {
    std::string reason;
    if (const uint32_t status = resolve_replaces(plan, args, record, reason)) {
      return refuse(req, status, reason, status == 491 ? "refused_busy" : "refused");
    }
  }
  TransferRecord &running = log_.start(std::move(record));
  const uint64_t transfer_id = running.id;
  ls_transfer_t t{};
  t.size = sizeof t;
  t.leaving_side = args.from_side;
  t.call_id = args.call_id;
  t.target_dn = plan.kind == ReferPlan::Kind::blind ? plan.target_dn.c_str() : nullptr;
  t.referred_by = plan.referred_by.empty() ? nullptr : plan.referred_by.c_str();
  t.with_call_id = running.with_call_id;
  t.with_side = running.with_side;
  t.notify_sipfrag = plan.notify ? 1 : 0;
  // The host answers `done` (possibly at once for an immediate failure, which moves `running`
  // out of the log): `running` is not touched again when the transfer started.
  if (host().raw()->call_transfer(host().ctx(), &t, &TransferModule::on_transfer_done, this) != 0) {
    log_.abandon(running);
    return refuse(req, 491, "Transfer Not Possible Now", "refused_busy");
  }
  std::vector<Header> headers;
  if (!plan.notify) headers.push_back({"Refer-Sub", "false"});
  req.respond(202, "Accepted", headers);
  host().metric_add("started");
  host().info("transfer " + std::to_string(transfer_id) + ": " + log_excerpt(facts.from_user) +
              " in call " + std::to_string(args.call_id) + " -> " +
              (plan.kind == ReferPlan::Kind::blind ? plan.target_dn
                                                   : "call " + std::to_string(t.with_call_id)));
  return LS_VERDICT_STOP;
}

void TransferModule::on_transfer_done(void *arg, uint64_t call_id, uint32_t status) {
  auto *self = static_cast<TransferModule *>(arg);
  if (TransferRecord *record = self->log_.running_for(call_id))
    self->transfer_done(*record, status);
}

void TransferModule::transfer_done(TransferRecord &record, uint32_t status) {
  const std::string what =
      "transfer " + std::to_string(record.id) + " in call " + std::to_string(record.call_id);
  if (status == 200) {
    host().metric_add("completed");
    host().notice(what + " completed");
    if (record.attended)
      parties_.set_party(record.call_id, record.leaving_side, record.joining_device);
  } else {
    host().metric_add("failed");
    host().notice(what + " failed with " + std::to_string(status));
  }
  log_.finish(record, status, host().now_unix() * 1000);
}

void TransferModule::on_call_event(uint32_t, const void *payload) {
  const auto *event = static_cast<const ls_call_event_t *>(payload);
  if (!event || !LS_HAS_FIELD(event, ls_call_event_t, callee_device_id)) return;
  parties_.observe(*event);
  if (event->change == LS_CALL_ENDED) {
    // A call that ends while its transfer runs (a party hung up) gets no outcome from the host.
    if (TransferRecord *record = log_.running_for(event->call_id)) {
      host().notice("transfer " + std::to_string(record->id) + ": call " +
                    std::to_string(event->call_id) + " ended during the transfer");
      host().metric_add("failed");
      log_.finish(*record, 487, host().now_unix() * 1000);
    }
  }
  if (event->change == LS_CALL_TRANSFERRED &&
      LS_HAS_FIELD(event, ls_call_event_t, transferred_by_dn)) {
    auto text = [](const char *p) { return p ? std::string(p) : std::string(); };
    log_.add_observed(TransferredEvent{event->call_id, text(event->third_party_dn),
                                       text(event->transferred_by_dn), text(event->caller_dn),
                                       text(event->callee_dn)});
  }
}

void TransferModule::admin_list(const ls_admin_request_t *, ls_admin_reply_t *reply) {
  const std::string body = log_.json();
  host().raw()->admin_reply(reply, 200, nullptr, body.c_str(), body.size());
}

}  // namespace lineside::transfer
