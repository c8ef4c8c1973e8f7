// provisioning/text_rules.hpp: character rules of provisioning values (ids, SIP users, DNs,
// CESIDs, HA1 hex, host names).
#pragma once

#include <string>

namespace lineside::kernel {

bool valid_id(const std::string &s);       ///< [A-Za-z0-9._-]{1,64}
bool valid_sip_user(const std::string &s); ///< RFC 3261 user chars without ;?/ , 1..64
bool valid_dn(const std::string &s);       ///< digits, '*', '#'; 1..20
bool valid_cesid(const std::string &s);    ///< 7..12 digits
bool valid_hex(const std::string &s, size_t digits);  ///< exactly `digits` lowercase hex digits
bool valid_host_port(const std::string &s);  ///< host or host:port (letters, digits, .-[]:)
bool printable(const std::string &s);      ///< no control characters

}  // namespace lineside::kernel
