// lineside/testing/fake_records.hpp: the value types the fake host records what a module did into
// (log lines, config errors, emitted events, listeners, admin replies, providers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "lineside/events.h"
#include "lineside/host.h"

namespace lineside::testing {

/// One host->log() line.
struct LogLine {
  uint32_t level;       ///< LS_LOG_*
  std::string message;
};

/// One host->config_error() call.
struct ConfigErrorRecord {
  const ls_config_t *node;  ///< the node it was reported on
  std::string key;          ///< "" when key was NULL
  std::string message;
};

/// Owned copy of an ls_registration_event_t (NULL strings become nullopt).
struct RegistrationRecord {
  uint32_t change = 0;
  std::string aor;
  std::string device_id;
  std::string contact_uri;
  int64_t expires_at = 0;
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;
  std::string source_addr;
  uint32_t source_port = 0;
  std::optional<std::string> user_agent;
};

/// Owned copy of an ls_flow_event_t.
struct FlowRecord {
  uint32_t transport = 0;
  ls_flow_id_t flow = 0;
  std::string remote_addr;
  uint32_t remote_port = 0;
};

/// One host->event_emit() call; the matching copy is set for the known event ids.
struct EmittedEvent {
  uint32_t event_id;
  std::optional<RegistrationRecord> registration;  ///< LS_EVENT_REGISTRATION
  std::optional<FlowRecord> flow;                  ///< LS_EVENT_FLOW_CLOSED
};

/// Owned copy of an ls_listener_t passed to host->transport_listen().
struct ListenerSpec {
  uint32_t transport = 0;
  std::string address;
  uint32_t port = 0;
  uint32_t tls_min_version = 0;
  std::optional<std::string> cert_file;
  std::optional<std::string> key_file;
  std::optional<std::string> ca_file;
};

/// What an admin route handler answered (see FakeHost::admin()).
struct AdminResult {
  uint32_t status = 0;
  std::string content_type;
  std::string body;
};

/// A request the module sent with host->request_send (complete it with FakeHost::complete_request).
struct SentRequest {
  uint32_t transport = 0;
  std::string method;
  std::string request_uri;
  std::string from;  ///< "" when the module let the host choose
  std::string to;
  std::string call_id;  ///< "" when the module let the host choose
  uint32_t cseq = 0;
  std::string headers;
  std::string content_type;
  std::string body;
  ls_flow_id_t flow = 0;
  std::string next_hop;
  ls_request_done_fn done = nullptr;
  void *arg = nullptr;
  bool completed = false;
};

/// A call the module ended with host->call_end.
struct EndedCall {
  uint64_t call_id = 0;
  uint32_t q850_cause = 0;
  std::string reason;
};

/// A transfer the module asked for with host->call_transfer (finish it with
/// FakeHost::complete_transfer).
struct TransferCall {
  uint32_t leaving_side = 0;
  uint64_t call_id = 0;
  std::optional<std::string> target_dn;    ///< blind transfer
  std::optional<std::string> referred_by;
  uint64_t with_call_id = 0;               ///< attended transfer
  uint32_t with_side = 0;
  uint32_t notify_sipfrag = 0;
  ls_transfer_done_fn done = nullptr;
  void *arg = nullptr;
  bool completed = false;
};

/// A dialog host->call_find_dialog finds (FakeHost::add_dialog).
struct FakeDialog {
  std::string sip_call_id;
  std::string local_tag;   ///< the server's tag
  std::string remote_tag;  ///< the phone's tag
  uint64_t call_id = 0;
  uint32_t side = 0;       ///< LS_LEG_* that dialog serves
};

/// A provider registered by the module or by the test.
struct ProviderEntry {
  std::string name;
  uint32_t version = 0;
  const void *table = nullptr;
  void *self = nullptr;
  bool by_module = false;  ///< registered through host->provider_register
};

/// Copy the strings of a registration event (NULL becomes "" or nullopt).
inline RegistrationRecord copy_registration(const ls_registration_event_t &e) {
  auto s = [](const char *p) { return p ? std::string(p) : std::string(); };
  RegistrationRecord r;
  r.change = e.change;
  r.aor = s(e.aor);
  r.device_id = s(e.device_id);
  r.contact_uri = s(e.contact_uri);
  r.expires_at = e.expires_at;
  r.transport = e.transport;
  r.flow = e.flow;
  r.source_addr = s(e.source_addr);
  r.source_port = e.source_port;
  if (e.size >= offsetof(ls_registration_event_t, user_agent) + sizeof e.user_agent && e.user_agent)
    r.user_agent = std::string(e.user_agent);
  return r;
}

/// Copy a flow event.
inline FlowRecord copy_flow(const ls_flow_event_t &e) {
  FlowRecord r;
  r.transport = e.transport;
  r.flow = e.flow;
  r.remote_addr = e.remote_addr ? e.remote_addr : "";
  r.remote_port = e.remote_port;
  return r;
}

}  // namespace lineside::testing
