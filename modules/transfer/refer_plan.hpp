// transfer/refer_plan.hpp: deciding what an in-dialog REFER asks for (pure: no host calls): a
// refusal with its status, a blind transfer to a number, or an attended transfer that replaces a
// dialog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replaces.hpp"

namespace lineside::transfer {

/// The parts of a REFER the decision reads.
struct ReferFacts {
  std::vector<std::string> refer_to;       ///< every Refer-To value, in order
  std::optional<std::string> referred_by;  ///< the REFER's Referred-By, if any
  std::optional<std::string> refer_sub;    ///< the Refer-Sub header (RFC 4488), if any
  std::string from_user;                   ///< the referrer (From user)
  std::string from_display;                ///< its display name, "" when none
  std::string request_uri_host;            ///< where the phone sent the REFER (our address)
};

/// Hosts a Refer-To may name: the SIP domain, configured aliases and the REFER's Request-URI host.
struct LocalHosts {
  std::string sip_domain;
  std::vector<std::string> aliases;  ///< lower-case

  [[nodiscard]] bool contains(const std::string &host, const std::string &request_uri_host) const;
};

/// The decision. For `refuse`, status/reason is the response; otherwise the REFER is accepted
/// (202) once the host starts the transfer.
struct ReferPlan {
  enum class Kind { refuse, blind, attended };
  Kind kind = Kind::refuse;
  uint32_t status = 0;      ///< refuse: 400 or 403
  std::string reason;       ///< refuse: the reason phrase
  std::string target_dn;    ///< blind: the number to ring
  ReplacesTarget replaces;  ///< attended: the dialog to replace
  std::string referred_by;  ///< what the target is shown (RFC 3892)
  bool notify = true;       ///< false: the REFER asked for no implicit subscription (Refer-Sub)
};

/// Decide. Refusals: no Refer-To, more than one, an unparsable or non-SIP one, a Refer-To without
/// a number (blind) or with a malformed Replaces, a malformed Referred-By -> 400; a method other
/// than INVITE, or a host that is not ours -> 403 ("Foreign Domain").
ReferPlan plan_refer(const ReferFacts &facts, const LocalHosts &hosts);

/// True when `dn` can be dialled: 1..64 of [0-9A-Za-z*#+._-].
bool dialable(const std::string &dn);

}  // namespace lineside::transfer
