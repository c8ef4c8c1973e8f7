// sip/incoming_request.hpp: one incoming SIP request as modules see it (the ls_request_t behind
// the ABI): lazy field/header/contact views, attributes, and the response sender.
#pragma once

#include <array>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "lineside/sip.h"
#include "sip/sofia.hpp"

namespace lineside::kernel {

class FlowTable;

/// A target a route hook gave for this INVITE (copied from ls_route_target_t).
struct RouteTargetSpec {
  std::string uri;
  std::string next_hop;
  std::string device_id;
  std::string dn;
  uint32_t transport = 0;
  uint32_t failover_group = 0;
  uint32_t trunk_number = 0;
  std::string trunk_name;
  std::string from_user;
  std::string from_display;
  bool has_asserted_identity = false;  ///< false: the kernel's PAI rule applies
  std::string asserted_identity;       ///< "" with has_asserted_identity: send none
  std::string extra_headers;
};

/// Owns a reference to the request message and, once created, its server transaction (irq).
/// The transaction is created lazily (ensure_transaction) so that a request dropped by an early
/// hook never costs one. All strings handed to modules live in this object. SIP thread only.
class IncomingRequest {
 public:
  IncomingRequest(sofia::MsgRef msg, sip_t *sip, nta_agent_t *agent, FlowTable &flows);
  IncomingRequest(const IncomingRequest &) = delete;
  IncomingRequest &operator=(const IncomingRequest &) = delete;
  virtual ~IncomingRequest();

  [[nodiscard]] const sip_t *sip() const { return sip_; }
  [[nodiscard]] const char *method_name() const;
  [[nodiscard]] bool in_dialog() const { return sip_->sip_to && sip_->sip_to->a_tag; }

  const char *field(uint32_t id);
  const char *header(const char *name, uint32_t index);
  uint32_t contact_count();
  int contact(uint32_t index, ls_contact_t *out);
  int peer(ls_peer_t *out);
  int body(const char **data, size_t *len, const char **content_type);
  int set_attr(const char *key, const char *value);
  const char *attr(const char *key) const;
  /// Validate and send; status 0 marks the request dropped. Returns 0 or -1.
  int respond(const ls_response_t &response);
  /// Kernel-side convenience for plain replies.
  void reply(unsigned status, const char *reason = nullptr,
             const std::string &extra_headers = std::string());
  /// As reply(), without a server transaction even for an INVITE: for refusals under load (the
  /// ACK is absorbed as a stray one; a lost answer is sent again to the retransmitted request).
  void reply_stateless(unsigned status, const char *reason, const std::string &extra_headers) {
    force_stateless_ = true;
    reply(status, reason, extra_headers);
  }

  [[nodiscard]] bool answered() const { return final_sent_ || dropped_; }
  [[nodiscard]] bool dropped() const { return dropped_; }
  /// The final status sent through respond()/reply(), 0 before one (or when dropped).
  [[nodiscard]] uint32_t final_status() const { return final_status_; }
  /// Create the server transaction if not yet done; false if NTA refused.
  bool ensure_transaction();
  /// Take over a transaction NTA already created (an in-dialog request given to a leg).
  void adopt_transaction(nta_incoming_t *irq) { irq_.reset(irq); }
  /// Give the transaction back (the caller owns it again).
  nta_incoming_t *release_transaction() { return irq_.release(); }
  /// The server transaction, or nullptr before ensure_transaction.
  [[nodiscard]] nta_incoming_t *transaction() const { return irq_.get(); }
  /// Record that a final response was sent directly through the transaction (call engine).
  void mark_answered() { final_sent_ = true; }
  /// Route hook results (see ls_host_t.call_route_to); `routing_open` gates who may set them.
  void open_routing(bool open) { routing_open_ = open; }
  [[nodiscard]] bool routing_open() const { return routing_open_; }
  std::vector<RouteTargetSpec> &route_targets() { return route_targets_; }
  [[nodiscard]] const ls_peer_t &peer_info();

 private:
  const char *keep(std::string text);
  void load_contacts();

  sofia::MsgRef msg_;
  sip_t *sip_ = nullptr;
  sofia::IncomingPtr irq_;
  nta_agent_t *agent_;
  FlowTable &flows_;
  std::deque<std::string> pool_;
  std::array<const char *, 32> fields_{};
  std::array<bool, 32> field_done_{};
  std::vector<std::pair<std::string, std::string>> attrs_;
  bool contacts_loaded_ = false;
  std::vector<ls_contact_t> contacts_;
  bool peer_loaded_ = false;
  ls_peer_t peer_{};
  bool final_sent_ = false;
  uint32_t final_status_ = 0;
  bool routing_open_ = false;
  std::vector<RouteTargetSpec> route_targets_;
  bool dropped_ = false;
  bool force_stateless_ = false;
};

}  // namespace lineside::kernel

/// The opaque ABI type is the kernel's IncomingRequest.
struct ls_request : lineside::kernel::IncomingRequest {
  using lineside::kernel::IncomingRequest::IncomingRequest;
};
