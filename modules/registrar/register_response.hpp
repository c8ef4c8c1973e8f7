// registrar/register_response.hpp: the headers of a REGISTER's 200 OK (Contacts with remaining
// expiry, Date, echoed Path).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "binding.hpp"
#include "lineside/plugin.hpp"

namespace lineside::registrar {

/// RFC 1123 date in GMT for an HTTP/SIP Date header ("Tue, 24 Nov 2026 02:33:21 GMT").
std::string rfc1123_date(int64_t unix_seconds);

/// q value text for q x 1000 ("0.5", "1", "0.125").
std::string q_value_text(int32_t q_milli);

/// One Contact header value: "<uri>;expires=remaining" plus q, +sip.instance and reg-id when set.
std::string contact_value(const Binding &binding, int64_t now);

/// Headers of the 200 OK: one Contact per binding, Date, and the request's Path values when
/// `echo_path` (the REGISTER said Supported: path, RFC 3327).
std::vector<Header> register_ok_headers(const std::vector<Binding> &bindings, int64_t now,
                                        const std::vector<std::string> &path, bool echo_path);

}  // namespace lineside::registrar
