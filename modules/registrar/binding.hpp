// registrar/binding.hpp: one registration binding (AoR -> contact) and the keys that identify it.
#pragma once

#include <cstdint>
#include <string>

#include "lineside/abi.h"

namespace lineside::registrar {

/// One binding as the registrar keeps it in memory and in the store.
struct Binding {
  std::string user;         ///< AoR user part ("1001")
  std::string aor;          ///< canonical AoR ("sip:1001@pbx.test")
  std::string device_id;    ///< directory device id
  std::string contact_uri;  ///< the registered Contact URI, without brackets
  std::string instance;     ///< +sip.instance value as received, or "" (RFC 5626)
  std::string reg_id;       ///< reg-id value, or ""
  std::string call_id;      ///< Call-ID of the REGISTER that last wrote it
  uint32_t cseq = 0;        ///< CSeq of that REGISTER
  int64_t expires_at = 0;   ///< UNIX seconds
  int64_t updated_at = 0;   ///< UNIX seconds of the last add/refresh (orders "oldest")
  uint32_t transport = LS_TRANSPORT_UNKNOWN;  ///< LS_TRANSPORT_* the REGISTER came over
  std::string source_addr;  ///< received address
  uint32_t source_port = 0; ///< rport
  ls_flow_id_t flow = 0;    ///< connection/flow it came over; 0 when none is open
  bool awaiting_reconnect = false;  ///< TCP/TLS binding without a live connection
  std::string path;         ///< Path header values joined by ", ", or ""
  std::string user_agent;   ///< User-Agent, or ""
  int32_t q_milli = -1;     ///< q x 1000, -1 when absent
  uint64_t revision = 0;    ///< in-memory write id (not stored): identifies this exact version

  /// The identity of the binding within its AoR: the instance (+reg-id) when present (RFC 5626),
  /// otherwise the contact URI (RFC 3261 §10.3).
  [[nodiscard]] std::string binding_key() const;
  /// The key of the binding in the store and in the table: unique across AoRs.
  [[nodiscard]] std::string store_key() const;
};

/// The binding key a contact with these values gets (see Binding::binding_key).
std::string make_binding_key(const std::string &contact_uri, const std::string &instance,
                             const std::string &reg_id);

/// The store key of binding `binding_key` of AoR user `user`: the user is length-prefixed so no
/// character of either part can make two different pairs collide.
std::string make_store_key(const std::string &user, const std::string &binding_key);

/// True for TCP and TLS: connection-oriented transports the server must never dial.
bool is_connection_oriented(uint32_t transport);

/// "udp", "tcp", "tls" or "unknown".
const char *transport_name(uint32_t transport);

}  // namespace lineside::registrar
