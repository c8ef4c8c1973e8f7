// emergency/emergency_identity.hpp: who an emergency call says it is from on the trunk: the CESID
// in From and P-Asserted-Identity, or (privacy, when the route signals it) an anonymous From with
// the CESID only in P-Asserted-Identity (Mitel "Signal Privacy on Emergency Calls").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lineside::emergency {

/// True when the caller asked for privacy: a Privacy header (RFC 3323/3325) with id, user or
/// header (and not none), or a From display name "Anonymous".
bool privacy_requested(const std::vector<std::string> &privacy_headers,
                       const std::string &from_display);

struct EmergencyIdentity {
  std::optional<std::string> from_user;     ///< nullopt: the caller's DN (the kernel's default)
  std::optional<std::string> from_display;  ///< nullopt: the directory's display name
  std::string asserted_identity;            ///< "<sip:CESID@domain>", or "" for none
  std::string extra_headers;  ///< always "Priority: emergency"; "Privacy: id" too when anonymous
  bool anonymous = false;     ///< From is "Anonymous"
};

/// The identity for a call with `cesid` ("" when none: the caller's DN is used instead) from
/// `caller_dn`; `privacy`: the caller has privacy on; `signal_privacy`: the route hides the CESID
/// from From for such callers. `domain` is the host part of P-Asserted-Identity.
EmergencyIdentity identity_for(const std::string &cesid, const std::string &caller_dn, bool privacy,
                               bool signal_privacy, const std::string &domain);

}  // namespace lineside::emergency
