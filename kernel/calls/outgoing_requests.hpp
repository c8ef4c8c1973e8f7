// calls/outgoing_requests.hpp: requests modules send as a UAC (host->request_send): NOTIFY, MESSAGE,
// SUBSCRIBE... each in its own client transaction, reported once to the module when final.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "lineside/sip.h"
#include "sip/sofia.hpp"

namespace lineside::kernel {

class CallEngine;
class SipLoop;

/// SIP thread only. Pending requests are destroyed (without callback) with this object.
class OutgoingRequests {
 public:
  OutgoingRequests(SipLoop &loop, CallEngine &engine);
  ~OutgoingRequests();
  OutgoingRequests(const OutgoingRequests &) = delete;
  OutgoingRequests &operator=(const OutgoingRequests &) = delete;

  /// Validate and send; 0 when sent, -1 (nothing sent, `done` never called) with `error` set.
  int send(const ls_outgoing_request_t &req, ls_request_done_fn done, void *arg, std::string &error);
  [[nodiscard]] size_t pending() const { return pending_.size(); }

 private:
  struct Pending;
  static int on_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  void finish(Pending &p, int status, sip_t const *sip);

  SipLoop &loop_;
  CallEngine &engine_;
  sofia::HomePtr home_;
  std::unordered_map<Pending *, std::unique_ptr<Pending>> pending_;
  std::shared_ptr<OutgoingRequests *> alive_;  ///< posted clean-ups check it: this may be gone
};

}  // namespace lineside::kernel
