// emergency/emergency_identity.cpp: the privacy rule and the identity headers of an emergency leg.
#include "emergency_identity.hpp"

#include <cctype>

#include "trunk_leg.hpp"

namespace lineside::emergency {
namespace {

std::string lower(std::string s) {
  for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool privacy_requested(const std::vector<std::string> &privacy_headers,
                       const std::string &from_display) {
  bool asked = false;
  for (const std::string &header : privacy_headers) {
    std::string token;
    const std::string text = lower(header) + ";";
    for (char c : text) {
      if (c == ';' || c == ',') {
        if (token == "none") return false;
        if (token == "id" || token == "user" || token == "header") asked = true;
        token.clear();
      } else if (!std::isspace(static_cast<unsigned char>(c))) {
        token += c;
      }
    }
  }
  return asked || lower(from_display) == "anonymous";
}

EmergencyIdentity identity_for(const std::string &cesid, const std::string &caller_dn, bool privacy,
                               bool signal_privacy, const std::string &domain) {
  EmergencyIdentity id;
  id.extra_headers = "Priority: emergency\r\n";
  const std::string number = cesid.empty() ? caller_dn : cesid;
  id.asserted_identity =
      number.empty() ? std::string() : routes::asserted_identity_of(number, domain);
  if (privacy && signal_privacy) {
    id.anonymous = true;
    id.from_user = "anonymous";
    id.from_display = "Anonymous";
    id.extra_headers += "Privacy: id\r\n";
    return id;
  }
  if (!cesid.empty()) id.from_user = cesid;
  return id;
}

}  // namespace lineside::emergency
