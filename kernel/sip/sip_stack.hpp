// sip/sip_stack.hpp: the NTA agent with its listeners and the default leg that receives requests.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lineside/host.h"
#include "sip/sip_loop.hpp"
#include "sip/sofia.hpp"

namespace lineside::kernel {

/// Everything the kernel knows about one listening transport.
struct ListenerInfo {
  uint32_t transport = LS_TRANSPORT_UDP;
  std::string address;
  uint32_t port = 0;
};

/// Owns the NTA agent (one per process, on the SIP thread). There is no default leg: every request
/// that matches no transaction or dialog reaches the agent's message callback and is handed, with
/// its message reference, to the RequestHandler, which creates a server transaction only when it
/// decides to answer (so dropped floods never cost a transaction).
class SipStack {
 public:
  struct Options {
    unsigned udp_mtu = 65535;
    unsigned max_message_size = 65536;
    std::string runtime_dir;  ///< private folder for TLS material and the OpenSSL policy file
  };
  using RequestHandler = std::function<void(sofia::MsgRef msg, sip_t *sip)>;

  SipStack(SipLoop &loop, Options options, RequestHandler handler);
  ~SipStack();
  SipStack(const SipStack &) = delete;
  SipStack &operator=(const SipStack &) = delete;

  /// Open a listener. Returns "" or a precise reason. SIP thread.
  std::string listen(const ls_listener_t &spec);
  [[nodiscard]] nta_agent_t *agent() const { return agent_.get(); }
  [[nodiscard]] const std::vector<ListenerInfo> &listeners() const { return listeners_; }
  /// Close every listener and connection (graceful stop).
  void close_transports();

 private:
  static int on_message(nta_agent_magic_t *magic, nta_agent_t *agent, msg_t *msg, sip_t *sip);
  Options options_;
  RequestHandler handler_;
  sofia::AgentPtr agent_;
  std::vector<ListenerInfo> listeners_;
  unsigned tls_floor_ = 0;
};

/// "udp" / "tcp" / "tls".
const char *transport_name(uint32_t transport);

}  // namespace lineside::kernel
