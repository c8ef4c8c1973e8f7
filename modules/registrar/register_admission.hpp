// registrar/register_admission.hpp: who may register: the AoR must be in our domain and belong
// to a provisioned device the auth module vouched for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lineside/providers/directory.h"
#include "register_input.hpp"
#include "register_processor.hpp"

namespace lineside::registrar {

/// The admission decision: status 0 admits `who`; otherwise refuse with status/reason.
struct Admission {
  uint32_t status = 0;
  std::string reason;
  Registrant who;
};

/// True for a numeric IPv4 address ("192.0.2.1") or an IPv6 reference ("[::1]" or "::1").
bool is_numeric_host(std::string_view host);

/// True when a REGISTER's To host names this server: the SIP domain (case-insensitive) or a
/// numeric address (our listeners are numeric).
bool is_served_host(std::string_view host, std::string_view domain);

/**
 * Admit a REGISTER: 404 when the To user is missing, the host is not ours or the user is not a
 * provisioned device (looked up with device_by_user); 403 when the device needs authentication
 * but "auth.device_id" is absent, or when it names another device (defence in depth behind the
 * auth module).
 */
Admission admit_register(const RegisterInput &in, std::string_view domain,
                         const ls_directory_v1_t &directory, void *directory_self);

}  // namespace lineside::registrar
