// registrar/binding_codec.hpp: the stored record format of a binding (encode / decode).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "binding.hpp"

namespace lineside::registrar {

/// Encode a binding for the store: a first line "lineside-binding 1", then one "name=value" line
/// per field, values with '\\', LF and CR escaped. Runtime-only state (flow, awaiting_reconnect,
/// revision) is not stored.
std::string encode_binding(const Binding &binding);

/// Decode a stored record. Unknown fields are ignored (a newer writer may add some); returns
/// nothing when the header, a number or a required field (user, contact_uri, expires_at) is bad.
std::optional<Binding> decode_binding(std::string_view record);

}  // namespace lineside::registrar
