// transfer/refer_plan.cpp: deciding what an in-dialog REFER asks for.
#include "refer_plan.hpp"

#include <algorithm>

#include "refer_to.hpp"
#include "referred_by.hpp"
#include "uri_text.hpp"

namespace lineside::transfer {
namespace {

ReferPlan refuse(uint32_t status, std::string reason) {
  ReferPlan plan;
  plan.status = status;
  plan.reason = std::move(reason);
  return plan;
}

bool dial_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*' ||
         c == '#' || c == '+' || c == '.' || c == '_' || c == '-';
}

}  // namespace

bool LocalHosts::contains(const std::string &host, const std::string &request_uri_host) const {
  if (host.empty()) return false;
  if (iequals(host, sip_domain) || iequals(host, request_uri_host)) return true;
  return std::find(aliases.begin(), aliases.end(), lower(host)) != aliases.end();
}

bool dialable(const std::string &dn) {
  return !dn.empty() && dn.size() <= 64 && std::all_of(dn.begin(), dn.end(), dial_char);
}

ReferPlan plan_refer(const ReferFacts &facts, const LocalHosts &hosts) {
  if (facts.refer_to.empty()) return refuse(400, "Missing Refer-To");
  if (facts.refer_to.size() > 1) return refuse(400, "Multiple Refer-To");
  ReferToParse parsed = parse_refer_to(facts.refer_to.front());
  if (!parsed.target) return refuse(400, parsed.error);
  const ReferTarget &target = *parsed.target;
  if (!target.method.empty() && target.method != "invite") {
    return refuse(403, "Only INVITE Referrals Are Supported");
  }
  if (!hosts.contains(target.host, lower(facts.request_uri_host))) {
    return refuse(403, "Foreign Domain");
  }
  ReferPlan plan;
  if (target.replaces) {
    std::optional<ReplacesTarget> replaces = parse_replaces(*target.replaces);
    if (!replaces) return refuse(400, "Malformed Replaces In Refer-To");
    plan.kind = ReferPlan::Kind::attended;
    plan.replaces = std::move(*replaces);
  } else {
    if (target.user.empty()) return refuse(400, "Refer-To Names No Number");
    if (!dialable(target.user)) return refuse(400, "Malformed Refer-To User");
    plan.kind = ReferPlan::Kind::blind;
    plan.target_dn = target.user;
  }
  if (facts.referred_by) {
    if (!valid_referred_by(*facts.referred_by)) return refuse(400, "Malformed Referred-By");
    plan.referred_by = std::string(trim(*facts.referred_by));
  } else if (dialable(facts.from_user)) {
    plan.referred_by = build_referred_by(facts.from_user, facts.from_display, hosts.sip_domain);
  }
  plan.notify = !(facts.refer_sub && iequals(trim(*facts.refer_sub), "false"));
  return plan;
}

}  // namespace lineside::transfer
