// registrar/register_processor.hpp: RFC 3261 §10.3 (with RFC 5626 instance keys) REGISTER
// processing against the table: decides the response and the binding changes, changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "binding.hpp"
#include "binding_table.hpp"
#include "register_input.hpp"
#include "registrar_settings.hpp"

namespace lineside::registrar {

/// One binding change: `before` is the table's state, `after` the new one (nothing = removed).
struct BindingChange {
  std::string store_key;
  std::optional<Binding> before;
  std::optional<Binding> after;
};

/// The decision for one REGISTER. A status other than 200 is a refusal with no changes.
struct RegisterOutcome {
  uint32_t status = 200;
  std::string reason;               ///< reason phrase of a refusal
  std::vector<Header> headers;      ///< extra headers of a refusal (Min-Expires)
  std::vector<BindingChange> changes;  ///< empty for a query or a request that changed nothing
};

/// Who is registering, as established by the module (directory and host checks).
struct Registrant {
  std::string aor;        ///< canonical AoR ("sip:1001@pbx.test")
  std::string device_id;  ///< directory device id
};

/**
 * Decide a REGISTER for `who` (in.user is the AoR user) at UNIX time `now`: star removal, query,
 * per-contact expiry (contact param, else Expires, else default; 0 removes; below min_expires is
 * 423; above max_expires is clamped), the Call-ID/CSeq rule (500), max_contacts (403, or drop
 * the oldest other bindings with replace_oldest).
 */
RegisterOutcome process_register(const RegisterInput &in, const Registrant &who,
                                 const BindingTable &table, const RegistrarSettings &settings,
                                 int64_t now);

}  // namespace lineside::registrar
