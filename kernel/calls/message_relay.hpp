// calls/message_relay.hpp: an out-of-dialog MESSAGE (instant message) delivered to every
// registered contact of the dialled DN; the first 2xx is relayed to the sender.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "calls/call.hpp"
#include "calls/call_router.hpp"
#include "sip/incoming_request.hpp"
#include "sip/sofia.hpp"

namespace lineside::kernel {

class CallEngine;

/// SIP thread only; owned by the CallEngine until it reports done.
class MessageRelay {
 public:
  MessageRelay(CallEngine &engine, uint64_t id, std::unique_ptr<ls_request> request,
               CallerIdentity sender);
  ~MessageRelay();
  MessageRelay(const MessageRelay &) = delete;
  MessageRelay &operator=(const MessageRelay &) = delete;
  void start(std::vector<CallTarget> targets);

 private:
  struct Copy {
    MessageRelay *relay = nullptr;
    sofia::LegPtr leg;
    sofia::OutgoingPtr orq;
    sofia::TportRef tport;
    int status = 0;
  };
  static int on_response(nta_outgoing_magic_t *magic, nta_outgoing_t *orq, sip_t const *sip);
  void response(Copy &copy, int status, const char *phrase);
  void finish(int status, const char *phrase);

  CallEngine &engine_;
  uint64_t id_;
  std::unique_ptr<ls_request> request_;
  CallerIdentity sender_;
  std::vector<std::unique_ptr<Copy>> copies_;
  bool answered_ = false;
};

}  // namespace lineside::kernel
