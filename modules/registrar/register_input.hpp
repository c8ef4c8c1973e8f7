// registrar/register_input.hpp: what the registrar reads from a REGISTER, as plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lineside/plugin.hpp"

namespace lineside::registrar {

/// One Contact entry of a REGISTER.
struct ContactInput {
  std::string uri;        ///< without brackets; "*" for a star contact
  bool is_star = false;
  int64_t expires = -1;   ///< expires parameter, -1 when absent
  int32_t q_milli = -1;   ///< q x 1000, -1 when absent
  std::string instance;   ///< +sip.instance value, or ""
  std::string reg_id;     ///< reg-id value, or ""
};

/// A REGISTER request reduced to the values RFC 3261 §10.3 processing needs.
struct RegisterInput {
  std::string user;       ///< To user part (the AoR user), or "" when absent
  std::string to_host;    ///< To host part
  std::string call_id;
  uint32_t cseq = 0;
  bool cseq_valid = false;                ///< CSeq parsed as a decimal number
  std::vector<ContactInput> contacts;
  std::optional<int64_t> expires_header;  ///< Expires header, when present and well-formed
  bool expires_header_malformed = false;  ///< Expires present but not a decimal number
  uint32_t transport = LS_TRANSPORT_UNKNOWN;
  std::string source_addr;
  uint32_t source_port = 0;
  ls_flow_id_t flow = 0;
  std::string user_agent;
  std::vector<std::string> path;          ///< Path header values, in order
  bool supports_path = false;             ///< "path" listed in Supported
  std::string auth_device_id;             ///< "auth.device_id" attribute, or ""
  bool has_auth_device_id = false;
};

/// Read everything process_register needs from `req`.
RegisterInput read_register_input(const Request &req);

/// Parse a non-negative decimal number (surrounding blanks allowed), or nothing.
std::optional<int64_t> parse_decimal(std::string_view text);

}  // namespace lineside::registrar
