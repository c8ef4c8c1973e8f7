// registrar/admin_json.hpp: JSON text for the admin API (string escaping, the registrations
// document) and query-string parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binding.hpp"

namespace lineside::registrar {

/// `text` as a JSON string literal, quotes included. Control characters, '"' and '\\' are
/// escaped; invalid UTF-8 bytes become U+FFFD so the output is always valid JSON.
std::string json_string(std::string_view text);

/// One binding as a JSON object (see registrations_json for the keys).
std::string binding_json(const Binding &binding, int64_t now);

/// {"registrations":[{"user","aor","device_id","contact","expires_at","expires_in","transport",
/// "source","flow","awaiting_reconnect","user_agent","instance"}...],"count":N}
std::string registrations_json(const std::vector<Binding> &bindings, int64_t now);

/// The percent-decoded value of `name` in an application/x-www-form-urlencoded query string, or
/// nothing when absent or badly encoded.
std::optional<std::string> query_parameter(std::string_view query, std::string_view name);

/// Percent-decode a URL component ('+' stays '+' unless `plus_is_space`); nothing when malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace lineside::registrar
